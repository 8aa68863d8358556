// Organizations: list, create, read, edit, delete (with what the deletion did).
#include "http/handlers/organization_handlers.hpp"

#include "core/clock.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value OrganizationJson(const domain::OrganizationSummary& summary) {
  const auto& org = summary.organization;
  return json::object{{"id", org.id},
                      {"name", org.name},
                      {"description", org.description},
                      {"memberCount", summary.member_count},
                      {"workspaceCount", summary.workspace_count},
                      {"archivedWorkspaceCount", summary.archived_workspace_count},
                      {"apiKeyCount", summary.api_key_count},
                      {"createdAt", FormatRfc3339Millis(org.created_at)},
                      {"updatedAt", FormatRfc3339Millis(org.updated_at)}};
}

Result<domain::OrganizationInput> ReadInput(const Request& request) {
  auto body = ParseJsonObject(request);
  if (!body) return Fail(body.error());
  domain::OrganizationInput input;
  auto name = OptionalString(*body, "name");
  if (!name) return Fail(name.error());
  input.name = std::move(*name);
  auto description = OptionalString(*body, "description");
  if (!description) return Fail(description.error());
  input.description = std::move(*description);
  return input;
}

}  // namespace

void AddOrganizationRoutes(Router& router, domain::AuthService& auth, domain::OrganizationService& organizations) {
  router.Add(Method::kGet, "/api/v1/organizations",
             WithActor(auth,
                       [&organizations](Request& request, const domain::Actor& actor) {
                         auto params = ReadListParams(request);
                         if (!params) return ErrorResponse(request, params.error());
                         domain::OrganizationQuery query;
                         query.page = *params;
                         if (auto q = request.Query("q"); q && !q->empty()) query.q = std::string(*q);
                         return Respond(request, organizations.List(actor, query), 200,
                                        [](const auto& page) { return PageJson(page, OrganizationJson); });
                       }),
             Dispatch::kPage);

  router.Add(Method::kPost, "/api/v1/organizations",
             WithActor(auth, [&organizations](Request& request, const domain::Actor& actor) {
               auto input = ReadInput(request);
               if (!input) return ErrorResponse(request, input.error());
               return Respond(request, organizations.Create(actor, *input), 201, OrganizationJson);
             }));

  router.Add(Method::kGet, "/api/v1/organizations/{id}",
             WithActor(auth, [&organizations](Request& request, const domain::Actor& actor) {
               return Respond(request, organizations.Get(actor, std::string(request.PathParam("id"))), 200,
                              OrganizationJson);
             }));

  router.Add(Method::kPatch, "/api/v1/organizations/{id}",
             WithActor(auth, [&organizations](Request& request, const domain::Actor& actor) {
               auto input = ReadInput(request);
               if (!input) return ErrorResponse(request, input.error());
               return Respond(request, organizations.Update(actor, std::string(request.PathParam("id")), *input), 200,
                              OrganizationJson);
             }));

  router.Add(Method::kDelete, "/api/v1/organizations/{id}",
             WithActor(auth, [&organizations](Request& request, const domain::Actor& actor) {
               auto archive = QueryBool(request, "archiveWorkspaces");
               if (!archive) return ErrorResponse(request, archive.error());
               auto done = organizations.Delete(actor, std::string(request.PathParam("id")), archive->value_or(false));
               return Respond(request, done, 200, [](const domain::OrganizationDeletion& d) {
                 return json::object{{"usersDisabled", d.users_disabled},
                                     {"sessionsRevoked", d.sessions_revoked},
                                     {"keysUnassigned", d.keys_unassigned},
                                     {"workspacesUnlinked", d.workspaces_unlinked},
                                     {"workspacesArchived", d.workspaces_archived}};
               });
             }));
}

}  // namespace portal::http
