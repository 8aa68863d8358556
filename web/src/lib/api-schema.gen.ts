// Generated from docs/api/openapi.yaml by openapi-typescript (scripts/gen-api.mjs): do not edit.
// Regenerate with `npm run gen:api`; `npm run check:api` fails when this file is stale.

export interface paths {
    "/api/v1/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the first-run setup is still needed */
        get: operations["getSetup"];
        put?: never;
        /** Create the first SuperAdmin and log in (only while no user exists) */
        post: operations["completeSetup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the refresh token (body for cli, HttpOnly cookie + X-Requested-With for web) */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke the session (refresh-token family) */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller with role, organization and (masked) API key */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/api-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The full value of the caller's own key (audited; R-C2) */
        get: operations["getMyApiKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the caller's password (other sessions end) */
        post: operations["changeMyPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organizations with computed counts (Admin and User see their own only) */
        get: operations["listOrganizations"];
        put?: never;
        /** Create an organization (SuperAdmin) */
        post: operations["createOrganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One organization */
        get: operations["getOrganization"];
        put?: never;
        post?: never;
        /**
         * Delete an organization (SuperAdmin)
         * @description In one transaction: every member is disabled, loses their key assignment and has every
         *     session revoked; every workspace is unlinked. With `archiveWorkspaces=true` the
         *     workspaces are first archived in Anthropic (irreversible); if Anthropic fails, nothing
         *     in the portal changes. The organization is soft-deleted: it disappears from every list
         *     and its name can be used again, while its disabled users keep pointing at it.
         */
        delete: operations["deleteOrganization"];
        options?: never;
        head?: never;
        /** Rename or describe an organization (SuperAdmin, or its Admin) */
        patch: operations["updateOrganization"];
        trace?: never;
    };
    "/api/v1/organizations/{id}/limits": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /**
         * The rate and spend limits of an organization's workspaces (SuperAdmin; Admin of the organization)
         * @description Read live from Anthropic: the Anthropic organization's own rate limits (the ceiling), every
         *     linked, not archived workspace's effective limits per group (an override on the workspace,
         *     else inherited from the organization) and, where the Anthropic organization has the
         *     spend-limit preview, each workspace's monthly spend limit. `drift` lists the limits that
         *     differ from what the portal last set (changed in the Console since). A User gets 403;
         *     another organization answers 404.
         */
        get: operations["getOrganizationLimits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/limits/workspaces/{workspaceId}/rate-limits/{rateLimitId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
                workspaceId: string;
                /** @description The `rateLimitId` of a group in `organizationLimits`. */
                rateLimitId: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Set or clear a workspace's rate-limit overrides for one group (SuperAdmin)
         * @description Each named limiter type is set (`value`) or cleared back to the organization's limit
         *     (`value: null`); types not named keep their value. A value above the Anthropic
         *     organization's own limit of that type is refused (400 `limit_above_organization`). A type
         *     the organization sets no limit of (tokens_per_day, say) has no ceiling; a type Anthropic
         *     does not have is refused (400 `limit_type_unknown`). Made at Anthropic first
         *     (takes effect there within about an hour), then recorded and audited
         *     (`organization.rate_limits_set`). Answers the organization's limits after the change.
         */
        put: operations["setWorkspaceRateLimits"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/limits/workspaces/{workspaceId}/spend-limit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
                workspaceId: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Set or remove a workspace's monthly spend limit (SuperAdmin)
         * @description `amountCents` is a whole number of US cents as a string ("50000" = $500.00), or null to
         *     remove the limit. Needs Anthropic's spend-limit preview: without it Anthropic answers 403
         *     `anthropic_spend_limits_admin_api_writes_not_enabled` (set it in the Anthropic Console).
         *     Audited as `organization.spend_limit_set`.
         */
        put: operations["setWorkspaceSpendLimit"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage and cost per group and day (SuperAdmin all; Admin their organization; User their own)
         * @description Read from the portal's own copy of Anthropic's daily usage (see `POST /api/v1/usage/collect`),
         *     never from Anthropic directly. A day's usage counts for the user who held the key and the
         *     organization its workspace belonged to at the end of that day (UTC). Costs are exact
         *     decimal strings of US cents. `format=csv` (or `Accept: text/csv`) answers the same as CSV:
         *     one line per group and day, then a `total` line.
         */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/collect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Collect usage and cost from Anthropic now (SuperAdmin, Admin)
         * @description Starts the collector (it also runs after every successful sync): the analytics endpoints
         *     where the Anthropic organization has them, else the usage and cost reports (cost per
         *     workspace and model only). The first run back-fills 90 days; later runs fetch again from
         *     two days before the latest stored day. All or nothing: a failure stores nothing. Answers
         *     the run id (an already running run's).
         */
        post: operations["collectUsage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/runs/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The running collection with its progress, else the latest one (SuperAdmin, Admin) */
        get: operations["getLatestUsageRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users, newest first (SuperAdmin all; Admin their organization's) */
        get: operations["listUsers"];
        put?: never;
        /** Create a user; a generated password is returned once */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One user */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Delete a user (sessions revoked, key released)
         * @description The key the user held is released; `deactivateKey=true` first sets it inactive in
         *     Anthropic (reversible), `archiveKey=true` first archives it there for good and erases its
         *     registered secret. Both together answer 400. When Anthropic fails, nothing is changed.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Change any field; the key reference changes atomically
         * @description `apiKeyId` is the only link between a user and a key: one PATCH changes it in one
         *     transaction (null unassigns). A key held by someone else answers 409 naming the holder.
         *     Disabling revokes every session. Off-boarding can retire the key the user holds in the
         *     same step: `deactivateKey: true` first sets it inactive in Anthropic (reversible);
         *     `archiveKey: true` first archives it in Anthropic (permanent: it can never be
         *     re-activated), erases its registered secret and unassigns it (audited `api_key.archive`).
         *     Both together answer 400; either with no key held answers 400. When Anthropic fails,
         *     nothing is changed.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/api/v1/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new random password (shown once); every session of the user ends */
        post: operations["resetUserPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit events, newest first (SuperAdmin all; Admin their organization's) */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's dashboard */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/anthropic": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Anthropic connection, admin key masked (SuperAdmin) */
        get: operations["getAnthropicSettings"];
        /**
         * Set the admin key (and base URL), verified with GET /v1/organizations/me first (SuperAdmin)
         * @description The key is checked against Anthropic before anything is saved; a key Anthropic rejects
         *     answers 400 `admin_key_rejected`. The key is stored sealed and only ever shown masked.
         *     A stored `baseUrl` wins over the server's configured default.
         */
        put: operations["putAnthropicSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import/legacy-mongo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import the old portal's mongoexport files, as a dry run or for real (SuperAdmin)
         * @description The same import as `portal import legacy-mongo`. The files are the collections as
         *     mongoexport wrote them (one document per line, or a JSON array; Extended JSON relaxed or
         *     canonical; with or without BOM; LF or CRLF), keyed by file name (`simpleusers.json`,
         *     `simpleorganizations.json`, `anthropicapikeys.json`, `prompts.json`; a missing file is an
         *     empty collection). With `syncFirst` (default) key values are matched against Anthropic's
         *     current data: an apply syncs first; a dry run (default) reads the same data and changes
         *     nothing at all. An apply
         *     runs in one transaction, and running it again changes nothing. The body may be up to 64 MiB.
         *     Errors: 400 `invalid_export` names the file and line; 503 `import_sync_failed` when the
         *     sync before the import failed (nothing imported).
         */
        post: operations["importLegacyMongo"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a sync (SuperAdmin, Admin); one at a time
         * @description Answers 202 at once; the run continues in the background. While a run is in progress
         *     (on this or another portal instance) its id is returned instead of starting another.
         *     A run that cannot reach Anthropic (e.g. `anthropic_not_configured`) ends `failed`
         *     with the reason in `error`.
         */
        post: operations["startSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync/runs/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest sync run, or null before the first (SuperAdmin, Admin) */
        get: operations["getLatestSyncRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One sync run with its progress (SuperAdmin, Admin) */
        get: operations["getSyncRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workspaces by name (SuperAdmin all; Admin their organization's) */
        get: operations["listWorkspaces"];
        put?: never;
        /**
         * Create a workspace in Anthropic and link it to an organization (SuperAdmin, Admin)
         * @description An Admin's workspace is linked to their own organization when `organizationId` is absent.
         */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One workspace (SuperAdmin; Admin of its organization) */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename (in Anthropic) or link/unlink (SuperAdmin) a workspace
         * @description A new `name` is changed in Anthropic first (the same name calls nothing upstream).
         *     `organizationId` links the workspace to an organization, or unlinks it with null;
         *     only a SuperAdmin may send it (403 otherwise). A move never leaves a user holding a key
         *     outside their organization: when users of another organization than the new one hold
         *     keys of this workspace, the move is refused with 409 `workspace_keys_held` naming them,
         *     unless `unassignKeys` is true, which takes their keys away in the same transaction
         *     (each audited as `user.key_unassigned`).
         */
        patch: operations["updateWorkspace"];
        trace?: never;
    };
    "/api/v1/workspaces/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Archive a workspace in Anthropic (irreversible; its keys are archived too)
         * @description Its keys are archived with it and their values registered in the portal erased; users holding one keep it, flagged on the dashboard, until they are given another key. Archiving an archived workspace changes nothing and answers 200.
         */
        post: operations["archiveWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys, newest first (SuperAdmin all; Admin their organization's) */
        get: operations["listApiKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Store the secret of an Anthropic key by pasting its value (SuperAdmin, Admin)
         * @description The value's hint picks the matching key (an Admin only sees keys of their organization's
         *     workspaces; with no match a sync runs once first). Anthropic then confirms the value
         *     works before it is stored, sealed. The value is never returned.
         */
        post: operations["registerApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One API key (SuperAdmin; Admin of its workspace's organization) */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename or (de)activate a key through the Admin API */
        patch: operations["updateApiKey"];
        trace?: never;
    };
    "/api/v1/api-keys/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire a key for good (「廃止」; SuperAdmin, Admin of the key's organization)
         * @description Archives the key in Anthropic — permanent: it can never be re-activated — then, in one
         *     audited transaction (`api_key.archive`), erases its registered secret from the vault and
         *     unassigns it from its holder, who loses it at once. Archiving an archived key changes
         *     nothing upstream and answers 200 (idempotent).
         */
        post: operations["archiveApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/replace": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a leaked key with a new one for the same holder (SuperAdmin, Admin of the key's organization)
         * @description The admin creates a new key in the Anthropic Console, in a workspace of the holder's
         *     organization, and pastes its value. The value is resolved exactly as by
         *     `POST /api/v1/api-keys/register`; then key `{id}` is archived in Anthropic (permanent),
         *     its secret erased, and the new key's value is stored, sealed, and the new key given to the
         *     old key's holder (if any) — locally in one audited transaction (`api_key.replace`). The
         *     holder's clients (`portal key`, `GET /api/v1/me/api-key`) get the new key on their next
         *     call. The value is never returned.
         */
        post: operations["replaceApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The prompts the caller may see, newest first
         * @description Public prompts of every organization, the caller's organization's prompts and the
         *     caller's own private prompts (a SuperAdmin sees all).
         */
        get: operations["listPrompts"];
        put?: never;
        /**
         * Create a prompt (a User only private ones)
         * @description An organization prompt needs `organizationId`. An Admin or User places prompts in their
         *     own organization only (another one answers 404).
         */
        post: operations["createPrompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One prompt (404 when the caller may not see it) */
        get: operations["getPrompt"];
        put?: never;
        post?: never;
        /** Delete a prompt and its versions */
        delete: operations["deletePrompt"];
        options?: never;
        head?: never;
        /**
         * Change a prompt; new `content` makes a new version
         * @description Readable but not editable (e.g. another organization's public prompt) answers 403.
         *     Moving a prompt to another organization is for a SuperAdmin only.
         */
        patch: operations["updatePrompt"];
        trace?: never;
    };
    "/api/v1/prompts/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Every version of a prompt, oldest first (one page) */
        get: operations["listPromptVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompts/{id}/versions/{n}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
                /** @description A version number (from 1); anything else answers 404. */
                n: number;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make version n current (as a new version) */
        post: operations["restorePromptVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prompts/{id}/render": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fill in `{{variables}}` and count a use */
        post: operations["renderPrompt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database is reachable */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Loopback clients only, unless the portal has a `metrics_token` (then `Authorization: Bearer <token>` is required) or a `metrics_listen` address (then it is served there, not here).
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        UsageTotals: {
            uncachedInputTokens: number;
            cacheReadInputTokens: number;
            cacheCreationInputTokens: number;
            /** @description The three kinds of input tokens together. */
            inputTokens: number;
            outputTokens: number;
            requests: number;
            /** @description Exact decimal string of US cents ("1234.5678"). */
            costCents: string;
        };
        UsageRun: {
            id: string;
            /** @enum {string} */
            trigger: "manual" | "sync";
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            /** @enum {string} */
            source: "analytics" | "reports" | "";
            from: string;
            to: string;
            daysTotal: number;
            daysDone: number;
            rowsWritten: number;
            startedAt: number;
            finishedAt: number | null;
            error: string;
        };
        UsageReport: {
            from: string;
            to: string;
            /** @enum {string} */
            groupBy: "organization" | "user" | "apiKey" | "workspace" | "model";
            /** @constant */
            currency: "USD";
            totals: components["schemas"]["UsageTotals"];
            /** @description By cost, descending. */
            groups: {
                /** @description The group (an id, or a model); null: no organization / nobody / no key. */
                key: string | null;
                /** @description A name for people ("" when there is none). */
                label: string;
                totals: components["schemas"]["UsageTotals"];
                days: (components["schemas"]["UsageTotals"] & {
                    /** Format: date */
                    day: string;
                })[];
            }[];
            latestRun: null | components["schemas"]["UsageRun"];
        };
        LimitGroup: {
            rateLimitId: string;
            /**
             * @example model_group
             * @example batch
             * @example token_count
             * @example files
             * @example skills
             * @example web_search
             */
            groupType: string;
            /** @description Model groups only (else empty). */
            displayName: string;
            models: string[];
            limits: {
                type: string;
                /** @description The effective value (the override, else the organization's). */
                value: number;
                /** @description The Anthropic organization's limit of this type (the ceiling). */
                orgLimit: number | null;
                /** @description Set on the workspace. */
                overridden: boolean;
            }[];
        };
        OrganizationLimits: {
            organizationId: string;
            spendLimitsAvailable: boolean;
            /** @description The error code Anthropic gave when spend limits cannot be read. */
            spendLimitsUnavailableReason: string | null;
            organizationLimits: components["schemas"]["LimitGroup"][];
            workspaces: {
                id: string;
                name: string;
                groups: components["schemas"]["LimitGroup"][];
                spendLimit: null | {
                    id: string | null;
                    amountCents: string | null;
                };
            }[];
            drift: {
                workspaceId: string;
                /** @description A rateLimitId, or "spend". */
                scope: string;
                type: string;
                /** @description What the portal set (null = cleared). */
                expected: number | null;
                /** @description What Anthropic has now (null = none). */
                actual: number | null;
                /** @description Unix milliseconds. */
                setAt: number;
            }[];
        };
        ImportCount: {
            /** @description New in the portal (or would be, in a dry run). */
            created: number;
            /** @description Already there (an earlier import, the same email or name). */
            matched: number;
            /** @description Not imported; a problem says why. */
            skipped: number;
        };
        ImportReport: {
            dryRun: boolean;
            /**
             * @description synced: an import synced first (syncRunId names the run); fetched: a dry run read Anthropic's current data and matched against it without storing it; otherwise keys were matched against the last sync.
             * @enum {string}
             */
            anthropic: "synced" | "fetched" | "not_configured" | "skipped";
            syncRunId: string | null;
            /** @description Whether the import changed (or would change) anything. */
            changed: boolean;
            /** @description Per kind: organizations, workspaceLinks, apiKeys (registered values), users, assignments (a user holding a key), prompts. */
            counts: {
                [key: string]: components["schemas"]["ImportCount"];
            };
            problems: {
                /**
                 * @example duplicate_email
                 * @example dangling_organization
                 * @example no_matching_key
                 */
                kind: string;
                /** @enum {string} */
                collection: "simpleorganizations" | "simpleusers" | "anthropicapikeys" | "prompts";
                legacyId: string;
                /** @description What happened, in English; never a key value. */
                message: string;
            }[];
        };
        /**
         * @default web
         * @enum {string}
         */
        ClientKind: "web" | "cli";
        /** @enum {string} */
        Role: "SuperAdmin" | "Admin" | "User";
        /** @enum {string} */
        UserStatus: "active" | "disabled";
        Error: {
            error: {
                /**
                 * @example not_found
                 * @example api_key_assigned
                 * @example email_taken
                 */
                code: string;
                message: string;
                /** @description Present when the error concerns one request field, so that a form shows it there. */
                details?: {
                    /**
                     * @example email
                     * @example name
                     * @example password
                     */
                    field?: string;
                };
            };
            requestId: string;
        };
        PageInfo: {
            nextCursor: string | null;
            /** @description Matches counted up to 10 000; with totalExact false it is a lower bound ("10 000 or more"). */
            total: number;
            /** @description false when the list has more matches than were counted (above 10 000, or a search no index narrows, counted over the first 2 000 rows read). */
            totalExact: boolean;
        };
        /** @description A user's key as every view shows it; never the secret. */
        ApiKeyBrief: {
            /** @example apikey_01AASJmfbvGc4fE4YPbpf3Kt */
            id: string;
            name: string;
            /** @example sk-ant-api03-aXy...1AAA */
            hint: string;
            /** @enum {string} */
            status: "active" | "inactive" | "archived" | "expired" | "vanished";
        } | null;
        OrganizationRef: {
            id: string;
            name: string;
        } | null;
        Me: {
            id: string;
            name: string;
            email: string;
            role: components["schemas"]["Role"];
            status: components["schemas"]["UserStatus"];
            organization: components["schemas"]["OrganizationRef"];
            apiKey: components["schemas"]["ApiKeyBrief"];
            /** Format: date-time */
            lastLoginAt?: string | null;
            /** @description The password was generated by the portal (a new user, a reset); the user must choose their own. */
            mustChangePassword?: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        Organization: {
            id: string;
            name: string;
            description: string;
            memberCount: number;
            /** @description Workspaces as the workspace list shows them (not archived). */
            workspaceCount: number;
            archivedWorkspaceCount: number;
            apiKeyCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt?: string;
        };
        OrganizationInput: {
            name?: string;
            description?: string;
        };
        User: {
            id: string;
            name: string;
            email: string;
            role: components["schemas"]["Role"];
            organizationId: string | null;
            organizationName: string | null;
            status: components["schemas"]["UserStatus"];
            apiKey: components["schemas"]["ApiKeyBrief"];
            /** Format: date-time */
            lastLoginAt: string | null;
            /** @description The password was generated by the portal (a new user, a reset); the user must choose their own. */
            mustChangePassword?: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt?: string;
        };
        AuditEvent: {
            id: string;
            actorId: string | null;
            action: string;
            targetType: string;
            targetId: string;
            /** @description The target's current name (a user's with their email, a key's with its hint); null when deleted or nameless. */
            targetName: string | null;
            /** @description The actor's current name. For an Admin, actorId is null when the actor is outside their organization. */
            actorName: string | null;
            organizationId: string | null;
            /** @description The organization's current name; null when portal-wide or deleted. */
            organizationName: string | null;
            requestId: string;
            /** @description Never contains a secret. */
            details: {
                [key: string]: unknown;
            };
            /** @description The current name of each portal object a detail names by id (organizationId, previousOrganizationId, workspaceId, apiKeyId, previousApiKeyId, newKeyId, keyDeactivated, keyArchived). */
            detailNames: {
                [key: string]: string;
            };
            /** @description For an Admin: the details that named an object outside their organization (or one that is gone). Their value in details is null; neither id nor name is given. */
            hiddenDetails: string[];
            /** Format: date-time */
            createdAt: string;
        };
        Dashboard: {
            user: {
                name: string;
                email: string;
                role: components["schemas"]["Role"];
            };
            organizations: {
                id: string;
                name: string;
                memberCount: number;
                workspaceCount: number;
                archivedWorkspaceCount: number;
                apiKeyCount: number;
            }[];
            counts: {
                organizations: number;
                users: number;
                workspaces: number;
                apiKeys: number;
            };
            /** @description The latest sync run (null for a User or before the first sync). */
            lastSync: {
                id: string;
                /** @enum {string} */
                status: "running" | "succeeded" | "failed";
                trigger: string;
                /** Format: date-time */
                startedAt: string;
                /** Format: date-time */
                finishedAt: string | null;
                workspaces: number;
                apiKeys: number;
                vanished: number;
                error: string | null;
            } | null;
            /** @description Active users whose key is no longer usable (R-X3). */
            alerts: {
                /** @constant */
                type: "key_drift";
                user: {
                    id: string;
                    name: string;
                    email: string;
                };
                organizationId: string | null;
                apiKey: components["schemas"]["ApiKeyBrief"];
            }[];
            /** @description Organizations whose limits were changed in the Console since the portal set them (as checked after each sync and whenever their limits are read). SuperAdmin: all; Admin: their own; User: none. */
            limitAlerts: {
                organizationId: string;
                organizationName: string;
                /** @description How many limits differ. */
                changes: number;
            }[];
        };
        AnthropicSettings: {
            configured: boolean;
            /** @example https://api.anthropic.com */
            baseUrl: string;
            /**
             * @description The admin key masked; null until configured.
             * @example sk-ant-admin01-a...wxyz
             */
            adminKeyHint: string | null;
            /** @description The Anthropic organization the key belongs to. */
            organization: components["schemas"]["OrganizationRef"];
        };
        /**
         * @description A run covers every tenant. A SuperAdmin sees its totals; an Admin sees the workspaces and
         *     keys of their own organization as they are now, with pages and vanished at 0.
         */
        SyncRun: {
            id: string;
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            /** @description What started the run: manual, periodic, setup, register or demo. */
            trigger: string;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** @description Admin API pages read so far. */
            pages: number;
            workspaces: number;
            apiKeys: number;
            /** @description Keys no longer listed by Anthropic. */
            vanished: number;
            error: string | null;
        };
        Workspace: {
            /** @example wrkspc_01JtbBBQFnq7Kbvfh6ZNMeNN */
            id: string;
            name: string;
            /** @example #6C5BB9 */
            displayColor: string;
            /** @description The linked organization; null when unlinked. */
            organizationId: string | null;
            /** @description The linked organization's name. */
            organizationName: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            archivedAt: string | null;
            apiKeyCount: number;
        };
        /** @enum {string} */
        ApiKeyStatus: "active" | "inactive" | "archived" | "expired";
        /** @description An Anthropic API key as mirrored by the portal; never its secret. */
        ApiKey: {
            /** @example apikey_01AASJmfbvGc4fE4YPbpf3Kt */
            id: string;
            name: string;
            status: components["schemas"]["ApiKeyStatus"];
            /** @example sk-ant-api03-aXy...1AAA */
            hint: string;
            /** @description For pickers: "id: hint (name)". */
            label: string;
            /** @description Null for the default workspace. */
            workspaceId: string | null;
            /** @description The workspace's name; null for the default workspace. */
            workspaceName: string | null;
            /** @description Through the key's workspace. */
            organizationId: string | null;
            secretRegistered: boolean;
            /** Format: date-time */
            secretRegisteredAt: string | null;
            assignedUser: {
                id: string;
                name: string;
                email: string;
            } | null;
            /** Format: date-time */
            createdAt: string;
            /** @description No longer listed by Anthropic at the last sync. */
            vanished: boolean;
            /** Format: date-time */
            vanishedAt: string | null;
        };
        AmbiguousKeyError: {
            error: {
                /** @constant */
                code: "ambiguous_key";
                message: string;
                candidates: components["schemas"]["ApiKey"][];
            };
            requestId: string;
        };
        /** @enum {string} */
        PromptVisibility: "public" | "organization" | "private";
        PromptTags: string[];
        Prompt: {
            id: string;
            title: string;
            description: string;
            category: string;
            tags: string[];
            content: string;
            /** @description The `{{names}}` the content uses. */
            variables: string[];
            visibility: components["schemas"]["PromptVisibility"];
            /** @description Null for a caller outside the owning organization (who sees a public prompt only). */
            organizationId: string | null;
            /** @description The owning organization's name, where organizationId is shown. */
            organizationName: string | null;
            /** @description Null for a caller outside the owning organization. */
            ownerId: string | null;
            /** @description The owner's name, where ownerId is shown. */
            ownerName: string | null;
            version: number;
            useCount: number;
            canEdit: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PromptVersion: {
            number: number;
            content: string;
            note: string;
            authorId: string | null;
            restoredFrom: number | null;
            /** Format: date-time */
            createdAt: string;
        };
    };
    responses: {
        /** @description An error. */
        Error: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Logged in. Web clients get the refresh token as an HttpOnly cookie instead. */
        Tokens: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    accessToken: string;
                    expiresIn: number;
                    /** @constant */
                    tokenType: "Bearer";
                    /** @description cli clients only */
                    refreshToken?: string;
                    user: components["schemas"]["Me"];
                };
            };
        };
    };
    parameters: {
        Id: string;
        Limit: number;
        /** @description Opaque; the `nextCursor` of the previous page. */
        Cursor: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Setup state. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        needed: boolean;
                        anthropicConfigured: boolean;
                        demo: boolean;
                    };
                };
            };
        };
    };
    completeSetup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: email */
                    email: string;
                    password: string;
                    anthropicAdminKey?: string;
                    client?: components["schemas"]["ClientKind"];
                };
            };
        };
        responses: {
            201: components["responses"]["Tokens"];
            400: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                    client?: components["schemas"]["ClientKind"];
                };
            };
        };
        responses: {
            200: components["responses"]["Tokens"];
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Error"];
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    refreshToken?: string;
                };
            };
        };
        responses: {
            200: components["responses"]["Tokens"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Error"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Error"];
        };
    };
    getMyApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The caller's key as it is at this moment with its value, sent with Cache-Control
             *     no-store: a client shows this id, name and hint next to the value, never a label it
             *     fetched earlier (the key may have been switched meanwhile).
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apikey_01AASJmfbvGc4fE4YPbpf3Kt */
                        id: string;
                        name: string;
                        /** @example sk-ant-api03-R2D...igAA */
                        hint: string;
                        /** @enum {string} */
                        status: "active" | "inactive" | "archived" | "expired" | "vanished";
                        value: string;
                    };
                };
            };
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    changeMyPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    currentPassword: string;
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    listOrganizations: {
        parameters: {
            query?: {
                /** @description A substring of the name (case-insensitive) or of the id. */
                q?: string;
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; the `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of organizations, by name. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageInfo"] & {
                        items: components["schemas"]["Organization"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    createOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationInput"];
            };
        };
        responses: {
            /** @description The new organization. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    getOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    deleteOrganization: {
        parameters: {
            query?: {
                archiveWorkspaces?: boolean;
            };
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the deletion did. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        usersDisabled: number;
                        sessionsRevoked: number;
                        keysUnassigned: number;
                        workspacesUnlinked: number;
                        workspacesArchived: number;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    updateOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganizationInput"];
            };
        };
        responses: {
            /** @description The updated organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    getOrganizationLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The limits. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationLimits"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    setWorkspaceRateLimits: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
                workspaceId: string;
                /** @description The `rateLimitId` of a group in `organizationLimits`. */
                rateLimitId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    limits: {
                        /**
                         * @example requests_per_minute
                         * @example input_tokens_per_minute
                         * @example output_tokens_per_minute
                         */
                        type: string;
                        value: number | null;
                    }[];
                };
            };
        };
        responses: {
            /** @description The limits after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationLimits"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    setWorkspaceSpendLimit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
                workspaceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    amountCents: string | null;
                };
            };
        };
        responses: {
            /** @description The limits after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationLimits"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description Inclusive; default: the first day of this month (UTC). */
                from?: string;
                /** @description Inclusive; default: today (UTC); at most 366 days after from. */
                to?: string;
                groupBy?: "organization" | "user" | "apiKey" | "workspace" | "model";
                organizationId?: string;
                userId?: string;
                /** @description For an Admin or User, another organization's key answers 404. */
                apiKeyId?: string;
                /** @description For an Admin or User, another organization's workspace answers 404. Usage of the Default Workspace (which the portal does not list) is grouped as no workspace (key null). */
                workspaceId?: string;
                model?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The usage report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageReport"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    collectUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Started. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        runId: string;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    getLatestUsageRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run, or null before the first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": null | components["schemas"]["UsageRun"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                organizationId?: string;
                /** @description Substring of name or email, case-insensitive. */
                q?: string;
                role?: components["schemas"]["Role"];
                status?: components["schemas"]["UserStatus"];
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; the `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageInfo"] & {
                        items: components["schemas"]["User"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: email */
                    email: string;
                    role: components["schemas"]["Role"];
                    /** @description Required for Admin and User; absent for SuperAdmin. */
                    organizationId?: string | null;
                    password?: string;
                    /** @description A registered, active, unassigned key of the user's organization (null or absent for none). */
                    apiKeyId?: string | null;
                };
            };
        };
        responses: {
            /** @description The new user (and the generated password when none was given). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: components["schemas"]["User"];
                        initialPassword?: string;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    deleteUser: {
        parameters: {
            query?: {
                deactivateKey?: boolean;
                archiveKey?: boolean;
            };
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the deletion did. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deleted: boolean;
                        sessionsRevoked: number;
                        apiKeyReleased: string | null;
                        keyDeactivated: boolean;
                        keyArchived: boolean;
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            502: components["responses"]["Error"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** Format: email */
                    email?: string;
                    role?: components["schemas"]["Role"];
                    organizationId?: string | null;
                    status?: components["schemas"]["UserStatus"];
                    apiKeyId?: string | null;
                    /** @description Set the held key inactive in Anthropic first. */
                    deactivateKey?: boolean;
                    /**
                     * @description Archive the held key in Anthropic first (permanent), erase its secret and
                     *     unassign it. Not with `deactivateKey`, nor with an `apiKeyId` change.
                     */
                    archiveKey?: boolean;
                };
            };
        };
        responses: {
            /** @description The updated user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            502: components["responses"]["Error"];
        };
    };
    resetUserPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The temporary password. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        temporaryPassword: string;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                organizationId?: string;
                actorId?: string;
                action?: string;
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; the `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageInfo"] & {
                        items: components["schemas"]["AuditEvent"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Header data, organization cards, counts, last sync, drift alerts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            401: components["responses"]["Error"];
        };
    };
    getAnthropicSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicSettings"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    putAnthropicSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An Anthropic admin key (sk-ant-admin01-…). */
                    adminKey: string;
                    /**
                     * @description An http(s) URL without query or fragment.
                     * @example https://api.anthropic.com
                     */
                    baseUrl?: string | null;
                };
            };
        };
        responses: {
            /** @description The connection as now stored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnthropicSettings"];
                };
            };
            /** @description `invalid_request` (malformed key or baseUrl) or `admin_key_rejected`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    importLegacyMongo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default true */
                    dryRun?: boolean;
                    /** @default true */
                    syncFirst?: boolean;
                    /**
                     * @example {
                     *       "simpleusers.json": "{\"_id\": {\"$oid\": \"2c37…\"}, \"email\": \"a@example.jp\"}\n"
                     *     }
                     */
                    files: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description What the import did (or would do); problems are listed, one per line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportReport"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            413: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    startSync: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run that is now in progress. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example syn_01JQ4Z3Y8K2M5N7P9R1T3V5X7Z */
                        runId: string;
                    };
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            409: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    getLatestSyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The latest run (live progress while it runs), or null. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRun"] | null;
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
    getSyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRun"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listWorkspaces: {
        parameters: {
            query?: {
                /** @description Another organization's id answers 404 to an Admin. */
                organizationId?: string;
                includeArchived?: boolean;
                /** @description A substring of the name (case-insensitive) or of the id. */
                q?: string;
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; the `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of workspaces. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageInfo"] & {
                        items: components["schemas"]["Workspace"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    organizationId?: string | null;
                };
            };
        };
        responses: {
            /** @description The new workspace. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    getWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    updateWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    organizationId?: string | null;
                    /** @default false */
                    unassignKeys?: boolean;
                };
            };
        };
        responses: {
            /** @description The updated workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    archiveWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived workspace. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Workspace"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Through the key's workspace. Another organization's id answers 404 to an Admin. */
                organizationId?: string;
                workspaceId?: string;
                status?: components["schemas"]["ApiKeyStatus"];
                /** @description Held by a user (true) or not (false). */
                assigned?: boolean;
                /** @description Its secret is stored in the portal (true) or not (false). */
                registered?: boolean;
                /** @description No longer listed by Anthropic (true) or still listed (false). */
                vanished?: boolean;
                /** @description Substring of name, id or hint. */
                q?: string;
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; the `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageInfo"] & {
                        items: components["schemas"]["ApiKey"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    registerApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    value: string;
                };
            };
        };
        responses: {
            /** @description The matching key, now with its secret registered. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description `invalid_request` (not an Anthropic key value) or `key_rejected` (Anthropic refused the value). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            /** @description `no_matching_key`: no key the caller may manage has this value's hint. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `ambiguous_key`: several keys share the hint; the candidates are listed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AmbiguousKeyError"];
                };
            };
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    updateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @enum {string} */
                    status?: "active" | "inactive";
                };
            };
        };
        responses: {
            /** @description The updated key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            409: components["responses"]["Error"];
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    archiveApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The archived key (`status` archived, `secretRegistered` false, `assignedUser` null). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    replaceApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    value: string;
                };
            };
        };
        responses: {
            /** @description The NEW key, its secret registered, `assignedUser` the old key's holder (or null). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /**
             * @description `invalid_request` (not an Anthropic key value), `key_rejected` (Anthropic refused the
             *     value) or `api_key_wrong_organization` (the new key's workspace is not in the holder's
             *     organization).
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            /**
             * @description `no_matching_key` (no key the caller may manage has this value's hint), or key `{id}`
             *     is not found.
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description `ambiguous_key` (several keys share the hint; the candidates are listed, as
             *     AmbiguousKeyError), `replacement_is_same_key` (the value is key `{id}`'s own) or
             *     `api_key_taken` (the new key is held by someone else).
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AmbiguousKeyError"] | components["schemas"]["Error"];
                };
            };
            429: components["responses"]["Error"];
            502: components["responses"]["Error"];
            503: components["responses"]["Error"];
        };
    };
    listPrompts: {
        parameters: {
            query?: {
                /** @description Substring of title, description or content, case-insensitive. */
                q?: string;
                category?: string;
                tag?: string;
                limit?: components["parameters"]["Limit"];
                /** @description Opaque; the `nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of prompts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageInfo"] & {
                        items: components["schemas"]["Prompt"][];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
        };
    };
    createPrompt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title: string;
                    description?: string;
                    category?: string;
                    tags?: components["schemas"]["PromptTags"];
                    content: string;
                    visibility: components["schemas"]["PromptVisibility"];
                    organizationId?: string | null;
                    changeNote?: string;
                };
            };
        };
        responses: {
            /** @description The new prompt (version 1). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Prompt"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getPrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The prompt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Prompt"];
                };
            };
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    deletePrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    updatePrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    title?: string;
                    description?: string;
                    category?: string;
                    tags?: components["schemas"]["PromptTags"];
                    content?: string;
                    changeNote?: string;
                    visibility?: components["schemas"]["PromptVisibility"];
                    organizationId?: string | null;
                };
            };
        };
        responses: {
            /** @description The updated prompt. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Prompt"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    listPromptVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All versions; `nextCursor` is always null. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageInfo"] & {
                        items: components["schemas"]["PromptVersion"][];
                    };
                };
            };
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    restorePromptVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
                /** @description A version number (from 1); anything else answers 404. */
                n: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    changeNote?: string;
                };
            };
        };
        responses: {
            /** @description The prompt with the restored content as its new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Prompt"];
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    renderPrompt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    variables?: {
                        [key: string]: string | number | boolean;
                    };
                };
            };
        };
        responses: {
            /** @description The rendered content and the variables that had no value. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        content: string;
                        missing: string[];
                    };
                };
            };
            400: components["responses"]["Error"];
            401: components["responses"]["Error"];
            404: components["responses"]["Error"];
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status?: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status?: string;
                        /** @enum {string} */
                        database?: "sqlite" | "postgresql";
                    };
                };
            };
            503: components["responses"]["Error"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Error"];
            403: components["responses"]["Error"];
        };
    };
}
