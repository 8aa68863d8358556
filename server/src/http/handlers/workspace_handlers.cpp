// Workspaces (R-W1, R-W2).
#include "http/handlers/workspace_handlers.hpp"

#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value OptionalJson(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value WorkspaceJson(const domain::WorkspaceView& view) {
  const auto& w = view.workspace;
  return json::object{{"id", w.id},
                      {"name", w.name},
                      {"displayColor", w.display_color},
                      {"organizationId", OptionalJson(w.organization_id)},
                      {"organizationName", OptionalJson(view.organization_name)},
                      {"createdAt", w.created_at},
                      {"archivedAt", OptionalJson(w.archived_at)},
                      {"apiKeyCount", view.api_key_count}};
}

}  // namespace

void AddWorkspaceRoutes(Router& router, domain::AuthService& auth, domain::WorkspaceService& workspaces) {
  router.Add(Method::kGet, "/api/v1/workspaces",
             WithActor(auth,
                       [&workspaces](Request& request, const domain::Actor& actor) {
                         auto params = ReadListParams(request);
                         if (!params) return ErrorResponse(request, params.error());
                         auto archived = QueryBool(request, "includeArchived");
                         if (!archived) return ErrorResponse(request, archived.error());
                         domain::WorkspaceQuery query;
                         query.page = *params;
                         query.include_archived = archived->value_or(false);
                         if (auto org = request.Query("organizationId"); org && !org->empty())
                           query.organization_id = std::string(*org);
                         if (auto q = request.Query("q"); q && !q->empty()) query.q = std::string(*q);
                         return Respond(request, workspaces.List(actor, std::move(query)), 200,
                                        [](const auto& page) { return PageJson(page, WorkspaceJson); });
                       }),
             Dispatch::kPage);

  router.Add(Method::kPost, "/api/v1/workspaces",
             WithActor(auth, [&workspaces](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               auto name = RequiredString(*body, "name");
               if (!name) return ErrorResponse(request, name.error());
               auto org = OptionalString(*body, "organizationId");
               if (!org) return ErrorResponse(request, org.error());
               return Respond(request, workspaces.Create(actor, *name, *org), 201, WorkspaceJson);
             }));

  router.Add(Method::kGet, "/api/v1/workspaces/{id}",
             WithActor(auth, [&workspaces](Request& request, const domain::Actor& actor) {
               return Respond(request, workspaces.Get(actor, std::string(request.PathParam("id"))), 200, WorkspaceJson);
             }));

  router.Add(Method::kPatch, "/api/v1/workspaces/{id}",
             WithActor(auth, [&workspaces](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               domain::WorkspacePatch patch;
               auto name = OptionalString(*body, "name");
               if (!name) return ErrorResponse(request, name.error());
               patch.name = *name;
               if (body->contains("organizationId")) {
                 auto org = OptionalString(*body, "organizationId");
                 if (!org) return ErrorResponse(request, org.error());
                 patch.organization_id = *org;
               }
               auto unassign = OptionalBool(*body, "unassignKeys");
               if (!unassign) return ErrorResponse(request, unassign.error());
               patch.unassign_keys = unassign->value_or(false);
               return Respond(request, workspaces.Update(actor, std::string(request.PathParam("id")), patch), 200,
                              WorkspaceJson);
             }));

  router.Add(Method::kPost, "/api/v1/workspaces/{id}/archive",
             WithActor(auth, [&workspaces](Request& request, const domain::Actor& actor) {
               return Respond(request, workspaces.Archive(actor, std::string(request.PathParam("id"))), 200,
                              WorkspaceJson);
             }));
}

}  // namespace portal::http
