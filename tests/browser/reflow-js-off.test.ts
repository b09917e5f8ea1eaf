/** Every page at 320 px wide (reflow.ts), with JavaScript off. */
import { reflowAt } from "./reflow";

reflowAt(false);
