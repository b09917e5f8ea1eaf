/** An id as the database makes them (crypto.randomUUID): anything else in an address names nothing, and is not looked up. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
