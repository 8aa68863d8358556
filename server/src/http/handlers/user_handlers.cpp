// Users: list, create, read, edit (one PATCH changes any field, the key reference atomically),
// delete, reset password; and the caller's own key value.
#include "http/handlers/user_handlers.hpp"

#include "core/clock.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

// The user as the API shows it, appended to `out` as JSON text (a list page writes 50 of these).
void AppendUserView(std::string& out, const domain::UserView& view) {
  const auto& user = view.user;
  JsonObjectText object(out);
  object.String("id", user.id).String("name", user.name).String("email", user.email);
  object.String("role", domain::ToString(user.role)).NullableString("organizationId", user.organization_id);
  object.NullableString("organizationName", view.organization_name).String("status", domain::ToString(user.status));
  AppendApiKeyBrief(object.Member("apiKey"), view.api_key);
  object.Time("lastLoginAt", user.last_login_at).Bool("mustChangePassword", user.must_change_password);
  object.Time("createdAt", user.created_at).Time("updatedAt", user.updated_at).Close();
}

json::value UserViewJson(const domain::UserView& view) {
  std::string text;
  AppendUserView(text, view);
  return json::parse(text);
}

// Present-and-null vs absent matters for organizationId and apiKeyId.
Result<std::optional<std::optional<std::string>>> NullableString(const json::object& body, std::string_view field) {
  auto it = body.find(field);
  if (it == body.end()) return std::optional<std::optional<std::string>>();
  if (it->value().is_null()) return std::optional<std::optional<std::string>>(std::optional<std::string>());
  if (!it->value().is_string()) {
    return Fail(Error::InvalidArgument("field '" + std::string(field) + "' must be a string or null"));
  }
  return std::optional<std::optional<std::string>>(std::string(it->value().as_string()));
}

Result<std::optional<domain::Role>> OptionalRole(const json::object& body) {
  auto text = OptionalString(body, "role");
  if (!text) return Fail(text.error());
  if (!*text) return std::optional<domain::Role>();
  auto role = domain::ParseRole(**text);
  if (!role) return Fail(Error::InvalidArgument("field 'role' must be \"SuperAdmin\", \"Admin\" or \"User\""));
  return role;
}

Result<domain::UserQuery> ReadQuery(const Request& request) {
  domain::UserQuery query;
  auto params = ReadListParams(request);
  if (!params) return Fail(params.error());
  query.page = *params;
  if (auto org = request.Query("organizationId"); org && !org->empty()) query.organization_id = *org;
  if (auto q = request.Query("q"); q && !q->empty()) query.q = *q;
  if (auto role = request.Query("role"); role && !role->empty()) {
    query.role = domain::ParseRole(*role);
    if (!query.role) return Fail(Error::InvalidArgument("role must be SuperAdmin, Admin or User"));
  }
  if (auto status = request.Query("status"); status && !status->empty()) {
    query.status = domain::ParseUserStatus(*status);
    if (!query.status) return Fail(Error::InvalidArgument("status must be active or disabled"));
  }
  return query;
}

Result<domain::CreateUserRequest> ReadCreate(const Request& request) {
  auto body = ParseJsonObject(request);
  if (!body) return Fail(body.error());
  domain::CreateUserRequest input;
  auto name = RequiredString(*body, "name");
  if (!name) return Fail(name.error());
  input.name = std::move(*name);
  auto email = RequiredString(*body, "email");
  if (!email) return Fail(email.error());
  input.email = std::move(*email);
  auto role = OptionalRole(*body);
  if (!role) return Fail(role.error());
  if (!*role) return Fail(Error::InvalidArgument("field 'role' is required"));
  input.role = **role;
  auto org = OptionalString(*body, "organizationId");
  if (!org) return Fail(org.error());
  input.organization_id = std::move(*org);
  auto password = OptionalString(*body, "password");
  if (!password) return Fail(password.error());
  input.password = std::move(*password);
  auto key = OptionalString(*body, "apiKeyId");
  if (!key) return Fail(key.error());
  input.api_key_id = std::move(*key);
  return input;
}

Result<domain::KeyRetirement> Retirement(bool deactivate, bool archive) {
  if (deactivate && archive) {
    return Fail(Error::InvalidArgument("deactivateKey and archiveKey cannot both be set").WithField("archiveKey"));
  }
  if (archive) return domain::KeyRetirement::kArchive;
  return deactivate ? domain::KeyRetirement::kDeactivate : domain::KeyRetirement::kKeep;
}

Result<domain::UserPatch> ReadPatch(const Request& request) {
  auto body = ParseJsonObject(request);
  if (!body) return Fail(body.error());
  domain::UserPatch patch;
  auto name = OptionalString(*body, "name");
  if (!name) return Fail(name.error());
  patch.name = std::move(*name);
  auto email = OptionalString(*body, "email");
  if (!email) return Fail(email.error());
  patch.email = std::move(*email);
  auto role = OptionalRole(*body);
  if (!role) return Fail(role.error());
  patch.role = *role;
  auto org = NullableString(*body, "organizationId");
  if (!org) return Fail(org.error());
  patch.organization_id = std::move(*org);
  auto status = OptionalString(*body, "status");
  if (!status) return Fail(status.error());
  if (*status) {
    patch.status = domain::ParseUserStatus(**status);
    if (!patch.status) return Fail(Error::InvalidArgument("field 'status' must be \"active\" or \"disabled\""));
  }
  auto key = NullableString(*body, "apiKeyId");
  if (!key) return Fail(key.error());
  patch.api_key_id = std::move(*key);
  auto deactivate = OptionalBool(*body, "deactivateKey");
  if (!deactivate) return Fail(deactivate.error());
  auto archive = OptionalBool(*body, "archiveKey");
  if (!archive) return Fail(archive.error());
  auto retire = Retirement(deactivate->value_or(false), archive->value_or(false));
  if (!retire) return Fail(retire.error());
  patch.retire_key = *retire;
  return patch;
}

}  // namespace

void AddUserRoutes(Router& router, domain::AuthService& auth, domain::UserService& users,
                   domain::ApiKeyService& api_keys) {
  router.Add(Method::kGet, "/api/v1/users",
             WithActor(auth,
                       [&users](Request& request, const domain::Actor& actor) {
                         auto query = ReadQuery(request);
                         if (!query) return ErrorResponse(request, query.error());
                         return RespondPage(request, users.List(actor, *query), AppendUserView);
                       }),
             Dispatch::kPage);

  router.Add(Method::kPost, "/api/v1/users",
             WithActor(auth,
                       [&users](Request& request, const domain::Actor& actor) {
                         auto input = ReadCreate(request);
                         if (!input) return ErrorResponse(request, input.error());
                         return Respond(request, users.Create(actor, *input), 201,
                                        [](const domain::CreatedUser& created) {
                                          json::object out{{"user", UserViewJson(created.user)}};
                                          if (created.initial_password)
                                            out["initialPassword"] = *created.initial_password;
                                          return out;
                                        });
                       }),
             Dispatch::kHeavy);

  router.Add(Method::kGet, "/api/v1/users/{id}",
             WithActor(auth, [&users](Request& request, const domain::Actor& actor) {
               return Respond(request, users.Get(actor, std::string(request.PathParam("id"))), 200, UserViewJson);
             }));

  router.Add(
      Method::kPatch, "/api/v1/users/{id}", WithActor(auth, [&users](Request& request, const domain::Actor& actor) {
        auto patch = ReadPatch(request);
        if (!patch) return ErrorResponse(request, patch.error());
        return Respond(request, users.Update(actor, std::string(request.PathParam("id")), *patch), 200, UserViewJson);
      }));

  router.Add(Method::kDelete, "/api/v1/users/{id}",
             WithActor(auth, [&users](Request& request, const domain::Actor& actor) {
               auto deactivate = QueryBool(request, "deactivateKey");
               if (!deactivate) return ErrorResponse(request, deactivate.error());
               auto archive = QueryBool(request, "archiveKey");
               if (!archive) return ErrorResponse(request, archive.error());
               auto retire = Retirement(deactivate->value_or(false), archive->value_or(false));
               if (!retire) return ErrorResponse(request, retire.error());
               auto done = users.Delete(actor, std::string(request.PathParam("id")), *retire);
               return Respond(request, done, 200, [](const domain::UserDeletion& d) {
                 return json::object{
                     {"deleted", true},
                     {"sessionsRevoked", d.sessions_revoked},
                     {"apiKeyReleased", d.api_key_released ? json::value(*d.api_key_released) : json::value(nullptr)},
                     {"keyDeactivated", d.key_deactivated},
                     {"keyArchived", d.key_archived}};
               });
             }));

  router.Add(Method::kPost, "/api/v1/users/{id}/reset-password",
             WithActor(auth,
                       [&users](Request& request, const domain::Actor& actor) {
                         return Respond(request, users.ResetPassword(actor, std::string(request.PathParam("id"))), 200,
                                        [](const std::string& password) {
                                          return json::object{{"temporaryPassword", password}};
                                        });
                       }),
             Dispatch::kHeavy);

  router.Add(Method::kGet, "/api/v1/me/api-key",
             WithActor(auth, [&api_keys](Request& request, const domain::Actor& actor) {
               auto response = Respond(request, api_keys.RevealOwnKey(actor), 200, [](const auto& key) {
                 return json::object{{"id", key.key.id},
                                     {"name", key.key.name},
                                     {"hint", key.key.hint},
                                     {"status", key.key.status},
                                     {"value", key.value}};
               });
               response.SetHeader("Cache-Control", "no-store");
               return response;
             }));
}

}  // namespace portal::http
