import { createContext, useContext } from "react";

// Browsers hide a script's nonce from the DOM, so on the client this is empty, as it should be.
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
