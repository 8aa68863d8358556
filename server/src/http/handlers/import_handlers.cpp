// The import from the old portal over HTTP (the onboarding wizard and the SuperAdmin's data
// migration page): the same reader and service as `portal import legacy-mongo`.
#include "http/handlers/import_handlers.hpp"

#include "http/handlers/handler_support.hpp"
#include "legacy/mongo_export.hpp"

namespace portal::http {
namespace json = boost::json;

void AddImportRoutes(Router& router, domain::AuthService& auth, domain::LegacyImportService& import) {
  router.Add(
      Method::kPost, "/api/v1/import/legacy-mongo",
      WithActor(auth,
                [&import](Request& request, const domain::Actor& actor) {
                  if (auto allowed = domain::RequireRole(actor, {domain::Role::kSuperAdmin}); !allowed) {
                    return ErrorResponse(request, allowed.error());
                  }
                  auto body = ParseJsonObject(request);
                  if (!body) return ErrorResponse(request, body.error());
                  auto dry_run = OptionalBool(*body, "dryRun");
                  if (!dry_run) return ErrorResponse(request, dry_run.error());
                  auto sync_first = OptionalBool(*body, "syncFirst");
                  if (!sync_first) return ErrorResponse(request, sync_first.error());
                  const auto* files = body->if_contains("files");
                  if (files == nullptr || !files->is_object()) {
                    return ErrorResponse(
                        request, Error::InvalidArgument("field 'files' must be an object of file name → file text"));
                  }
                  std::map<std::string, std::string> texts;
                  for (const auto& [name, text] : files->as_object()) {
                    if (!text.is_string()) {
                      return ErrorResponse(
                          request, Error::InvalidArgument("files." + std::string(name) + ": expected the file's text"));
                    }
                    texts.emplace(std::string(name), std::string(text.as_string()));
                  }
                  auto data = legacy::ReadExport(texts);
                  if (!data) return ErrorResponse(request, data.error());
                  domain::ImportOptions options{dry_run->value_or(true), sync_first->value_or(true)};
                  return Respond(request, import.Run(actor, *data, options), 200,
                                 [](const domain::ImportReport& report) { return legacy::ReportJson(report); });
                }),
      Dispatch::kBlocking, kImportBodyLimit);
}

}  // namespace portal::http
