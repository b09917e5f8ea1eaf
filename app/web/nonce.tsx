import { createContext, useContext } from "react";

// This response's Content-Security-Policy nonce, for the page's scripts (entry.server.tsx provides it).
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
