// The web app's side of docs/api/openapi.yaml. The document's types are generated into
// api-schema.gen.ts (npm run gen:api; npm run check:api fails when it is stale); these names let
// features/*/api alias them, or check the types they write by hand against them, so that
// `tsc --noEmit` fails when the app and the document drift apart.
import type { components, operations } from './api-schema.gen';

type Operation = keyof operations;
type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** A schema of the document by name: `Schema<'User'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The JSON an operation answers with on success (its 200, 201 or 202), by operationId. */
export type ResponseBody<Op extends Operation> = JsonContent<operations[Op]['responses'][Extract<keyof operations[Op]['responses'], 200 | 201 | 202>]>;

/** The JSON body an operation takes, by operationId. */
export type RequestBody<Op extends Operation> = JsonContent<NonNullable<operations[Op]['requestBody']>>;

/** The query parameters an operation takes, by operationId. */
export type QueryParams<Op extends Operation> = NonNullable<operations[Op]['parameters']['query']>;

/** What login, refresh and setup answer. */
export type TokensBody = JsonContent<components['responses']['Tokens']>;

/**
 * `T` with the fields `K` required: for a field the server always sends but the document does not
 * list as required (each use says which; see docs/api/openapi.yaml).
 */
export type WithRequired<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;

/**
 * Compiles only when what the server sends (`Server`, from the document) can be read as the app's
 * hand-written type `App`, and `App` names no field that `Server` lacks (a renamed field fails here
 * even where the app declares it optional). For responses the app models narrower than the document.
 */
export type AssertReads<App, Server extends App & { [K in Exclude<keyof App, keyof Server>]: never }> = true;

/**
 * Compiles only when what the app sends (`App`) is a request the document's `Body` allows and
 * names no field `Body` lacks (`satisfies` does not see the fields an object spread brings in).
 */
export type AssertSends<Body, App extends Body & { [K in Exclude<keyof App, keyof Body>]: never }> = true;

/**
 * Compiles only when every field of `App` is one of `Server`'s: for list filters, whose values are
 * the strings a filter control holds (the server validates them), so only their names are checked.
 */
export type AssertKnownFields<App, Server extends { [K in Exclude<keyof App, keyof Server>]: never }> = true;

/** Compiles only when `B` is assignable to `A`. */
export type AssertAssignable<A, B extends A> = B extends A ? true : never;
