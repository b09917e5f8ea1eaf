/** Every page at 320 px wide (reflow.ts), with JavaScript on. */
import { reflowAt } from "./reflow";

reflowAt(true);
