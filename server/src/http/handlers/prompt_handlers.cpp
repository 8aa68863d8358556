// Prompts (API.md "Prompts"): thin handlers over domain::PromptService.
#include "http/handlers/prompt_handlers.hpp"

#include <charconv>

#include "domain/prompt_service.hpp"
#include "http/handlers/handler_support.hpp"

namespace portal::http {
namespace json = boost::json;
namespace {

json::value OptionalStringJson(const std::optional<std::string>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

// Who owns a public prompt of another organization is that organization's business: its ids
// are shown to SuperAdmins, to members of the owning organization and to the owner only.
bool Insider(const domain::Actor& actor, const domain::Prompt& p) {
  return domain::IsSuperAdmin(actor) || (p.organization_id && p.organization_id == actor.organization_id) ||
         p.owner_id == actor.user_id;
}

json::value PromptJson(const domain::Prompt& p, const domain::Actor& actor) {
  json::object out;
  out["id"] = p.id;
  out["title"] = p.title;
  out["description"] = p.description;
  out["category"] = p.category;
  json::array tags;
  for (const auto& tag : p.tags) tags.emplace_back(tag);
  out["tags"] = std::move(tags);
  out["content"] = p.content;
  json::array variables;
  for (const auto& name : domain::PromptVariables(p.content)) variables.emplace_back(name);
  out["variables"] = std::move(variables);
  out["visibility"] = std::string(domain::ToString(p.visibility));
  const bool insider = Insider(actor, p);
  out["organizationId"] = insider ? OptionalStringJson(p.organization_id) : json::value(nullptr);
  out["organizationName"] = insider && p.organization_id && !p.organization_name.empty()
                                ? json::value(p.organization_name)
                                : json::value(nullptr);
  out["ownerId"] = insider ? OptionalStringJson(p.owner_id) : json::value(nullptr);
  out["ownerName"] = insider && p.owner_id && !p.owner_name.empty() ? json::value(p.owner_name) : json::value(nullptr);
  out["version"] = p.version;
  out["useCount"] = p.use_count;
  out["canEdit"] = domain::PromptService::CanEdit(actor, p);
  out["createdAt"] = FormatRfc3339Millis(p.created_at);
  out["updatedAt"] = FormatRfc3339Millis(p.updated_at);
  return out;
}

json::value VersionJson(const domain::PromptVersion& v, bool insider) {
  json::object out;
  out["number"] = v.number;
  out["content"] = v.content;
  out["note"] = v.note;
  out["authorId"] = insider ? OptionalStringJson(v.author_id) : json::value(nullptr);
  out["restoredFrom"] = v.restored_from ? json::value(*v.restored_from) : json::value(nullptr);
  out["createdAt"] = FormatRfc3339Millis(v.created_at);
  return out;
}

Result<std::optional<std::vector<std::string>>> OptionalTags(const json::object& body) {
  const auto* field = body.if_contains("tags");
  if (!field || field->is_null()) return std::nullopt;
  if (!field->is_array()) return Fail(Error::InvalidArgument("field 'tags' must be an array of strings"));
  std::vector<std::string> tags;
  for (const auto& tag : field->as_array()) {
    if (!tag.is_string()) return Fail(Error::InvalidArgument("field 'tags' must be an array of strings"));
    tags.emplace_back(tag.as_string());
  }
  return tags;
}

Result<std::optional<domain::PromptVisibility>> OptionalVisibility(const json::object& body) {
  auto text = OptionalString(body, "visibility");
  if (!text) return Fail(text.error());
  if (!*text) return std::nullopt;
  auto parsed = domain::ParsePromptVisibility(**text);
  if (!parsed) {
    return Fail(Error::InvalidArgument("field 'visibility' must be \"public\", \"organization\" or \"private\""));
  }
  return parsed;
}

// organizationId: absent → nullopt; null → a present empty optional; a string → that id.
Result<std::optional<std::optional<std::string>>> OptionalOrganization(const json::object& body) {
  const auto* field = body.if_contains("organizationId");
  if (!field) return std::nullopt;
  if (field->is_null()) return std::optional<std::optional<std::string>>(std::optional<std::string>());
  if (!field->is_string()) return Fail(Error::InvalidArgument("field 'organizationId' must be a string or null"));
  return std::optional<std::optional<std::string>>(std::string(field->as_string()));
}

Result<std::map<std::string, std::string>> Variables(const json::object& body) {
  std::map<std::string, std::string> out;
  const auto* field = body.if_contains("variables");
  if (!field || field->is_null()) return out;
  if (!field->is_object()) return Fail(Error::InvalidArgument("field 'variables' must be an object"));
  for (const auto& [name, value] : field->as_object()) {
    if (value.is_string()) {
      out[std::string(name)] = std::string(value.as_string());
    } else if (value.is_int64() || value.is_uint64() || value.is_double() || value.is_bool()) {
      out[std::string(name)] = json::serialize(value);
    } else {
      return Fail(Error::InvalidArgument("variable '" + std::string(name) + "' must be a string, number or boolean"));
    }
  }
  return out;
}

Result<int> VersionNumber(const Request& request) {
  auto text = request.PathParam("n");
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1) {
    return Fail(Error::NotFound("version not found"));
  }
  return n;
}

// The body of a request that may have none (restore, render).
Result<json::object> OptionalBody(const Request& request) {
  if (request.body.empty()) return json::object{};
  return ParseJsonObject(request);
}

}  // namespace

void AddPromptRoutes(Router& router, domain::AuthService& auth, domain::PromptService& prompts) {
  auto with_actor = [&auth](ActorHandler handler) { return WithActor(auth, std::move(handler)); };

  router.Add(Method::kGet, "/api/v1/prompts", with_actor([&prompts](Request& request, const domain::Actor& actor) {
               domain::PromptFilters filters;
               auto params = ReadListParams(request);
               if (!params) return ErrorResponse(request, params.error());
               filters.page = *params;
               filters.q = request.Query("q");
               filters.category = request.Query("category");
               filters.tag = request.Query("tag");
               return Respond(request, prompts.List(actor, filters), 200, [&](const auto& page) {
                 return PageJson(page, [&](const domain::Prompt& p) { return PromptJson(p, actor); });
               });
             }),
             Dispatch::kPage);

  router.Add(Method::kPost, "/api/v1/prompts", with_actor([&prompts](Request& request, const domain::Actor& actor) {
               auto body = ParseJsonObject(request);
               if (!body) return ErrorResponse(request, body.error());
               domain::NewPrompt input;
               auto title = RequiredString(*body, "title");
               if (!title) return ErrorResponse(request, title.error());
               input.title = *title;
               auto content = RequiredString(*body, "content");
               if (!content) return ErrorResponse(request, content.error());
               input.content = *content;
               for (auto [field, target] :
                    {std::pair{"description", &input.description}, std::pair{"category", &input.category},
                     std::pair{"changeNote", &input.change_note}}) {
                 auto value = OptionalString(*body, field);
                 if (!value) return ErrorResponse(request, value.error());
                 if (*value) *target = **value;
               }
               auto tags = OptionalTags(*body);
               if (!tags) return ErrorResponse(request, tags.error());
               if (*tags) input.tags = **tags;
               auto visibility = OptionalVisibility(*body);
               if (!visibility) return ErrorResponse(request, visibility.error());
               if (!*visibility)
                 return ErrorResponse(request, Error::InvalidArgument("field 'visibility' is required"));
               input.visibility = **visibility;
               auto organization = OptionalOrganization(*body);
               if (!organization) return ErrorResponse(request, organization.error());
               if (*organization) input.organization_id = **organization;
               return Respond(request, prompts.Create(actor, input), 201,
                              [&](const domain::Prompt& p) { return PromptJson(p, actor); });
             }));

  router.Add(Method::kGet, "/api/v1/prompts/{id}", with_actor([&prompts](Request& request, const domain::Actor& actor) {
               return Respond(request, prompts.Get(actor, std::string(request.PathParam("id"))), 200,
                              [&](const domain::Prompt& p) { return PromptJson(p, actor); });
             }));

  router.Add(
      Method::kPatch, "/api/v1/prompts/{id}", with_actor([&prompts](Request& request, const domain::Actor& actor) {
        auto body = ParseJsonObject(request);
        if (!body) return ErrorResponse(request, body.error());
        domain::PromptPatch patch;
        for (auto [field, target] : {std::pair{"title", &patch.title}, std::pair{"description", &patch.description},
                                     std::pair{"category", &patch.category}, std::pair{"content", &patch.content},
                                     std::pair{"changeNote", &patch.change_note}}) {
          auto value = OptionalString(*body, field);
          if (!value) return ErrorResponse(request, value.error());
          *target = *value;
        }
        auto tags = OptionalTags(*body);
        if (!tags) return ErrorResponse(request, tags.error());
        patch.tags = *tags;
        auto visibility = OptionalVisibility(*body);
        if (!visibility) return ErrorResponse(request, visibility.error());
        patch.visibility = *visibility;
        auto organization = OptionalOrganization(*body);
        if (!organization) return ErrorResponse(request, organization.error());
        patch.organization_id = *organization;
        return Respond(request, prompts.Update(actor, std::string(request.PathParam("id")), patch), 200,
                       [&](const domain::Prompt& p) { return PromptJson(p, actor); });
      }));

  router.Add(Method::kDelete, "/api/v1/prompts/{id}",
             with_actor([&prompts](Request& request, const domain::Actor& actor) {
               auto done = prompts.Delete(actor, std::string(request.PathParam("id")));
               if (!done) return ErrorResponse(request, done.error());
               return Response::NoContent();
             }));

  router.Add(Method::kGet, "/api/v1/prompts/{id}/versions",
             with_actor([&prompts](Request& request, const domain::Actor& actor) {
               auto history = prompts.Versions(actor, std::string(request.PathParam("id")));
               return Respond(request, history, 200, [&](const domain::PromptHistory& h) {
                 domain::Page<domain::PromptVersion> page;
                 page.items = h.versions;
                 page.total = static_cast<std::int64_t>(h.versions.size());
                 const bool insider = Insider(actor, h.prompt);
                 return PageJson(page, [&](const domain::PromptVersion& v) { return VersionJson(v, insider); });
               });
             }));

  router.Add(Method::kPost, "/api/v1/prompts/{id}/versions/{n}/restore",
             with_actor([&prompts](Request& request, const domain::Actor& actor) {
               auto number = VersionNumber(request);
               if (!number) return ErrorResponse(request, number.error());
               auto body = OptionalBody(request);
               if (!body) return ErrorResponse(request, body.error());
               auto note = OptionalString(*body, "changeNote");
               if (!note) return ErrorResponse(request, note.error());
               return Respond(request,
                              prompts.Restore(actor, std::string(request.PathParam("id")), *number, note->value_or("")),
                              200, [&](const domain::Prompt& p) { return PromptJson(p, actor); });
             }));

  router.Add(Method::kPost, "/api/v1/prompts/{id}/render",
             with_actor([&prompts](Request& request, const domain::Actor& actor) {
               auto body = OptionalBody(request);
               if (!body) return ErrorResponse(request, body.error());
               auto variables = Variables(*body);
               if (!variables) return ErrorResponse(request, variables.error());
               return Respond(request, prompts.Render(actor, std::string(request.PathParam("id")), *variables), 200,
                              [](const domain::RenderedPrompt& r) {
                                json::array missing;
                                for (const auto& name : r.missing) missing.emplace_back(name);
                                return json::object{{"content", r.content}, {"missing", std::move(missing)}};
                              });
             }));
}

}  // namespace portal::http
