// The readers of request bodies and query strings: the JSON object a handler reads, its typed
// fields, the list parameters, and the character rules names and titles must pass.
// Input: <query string> NUL <body>.

#include "core/text.hpp"
#include "domain/entities.hpp"
#include "domain/validation.hpp"
#include "fuzz_support.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/json_body.hpp"

using namespace portal;

namespace {

// What the portal accepts as a one-line name shows in a terminal as it is, and what a terminal is
// shown is always acceptable.
void CheckTextRules(std::string_view text) {
  const std::string visible = VisibleText(text);
  FUZZ_CHECK(domain::ValidateCharacters(visible, "name").has_value());
  FUZZ_CHECK(VisibleText(visible) == visible);
  if (domain::ValidateCharacters(text, "name")) FUZZ_CHECK(visible == text);
  if (domain::ValidateName(text, "name")) FUZZ_CHECK(!domain::Trimmed(text).empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parts = fuzz::Parts(fuzz::AsText(data, size), 2);
  http::Request request;
  request.method = http::Method::kPost;
  request.query = std::string(parts[0]);
  if (parts.size() > 1) request.body = std::string(parts[1]);

  if (auto params = http::ReadListParams(request)) {
    FUZZ_CHECK(params->limit >= 1 && params->limit <= 500);
  }
  (void)http::QueryBool(request, "assigned");
  if (auto q = request.Query("q")) CheckTextRules(*q);

  auto body = http::ParseJsonObject(request);
  if (!body) {
    FUZZ_CHECK(body.error().code == ErrorCode::kInvalidArgument);
    return 0;
  }
  for (std::string_view field : {"name", "title", "description", "email", "password", "content"}) {
    auto value = http::OptionalString(*body, field);
    if (!value) {
      FUZZ_CHECK(body->contains(field));
      continue;
    }
    if (!*value) continue;
    CheckTextRules(**value);
    (void)domain::ValidateCharacters(**value, field, true);
    if (field == "email") (void)domain::ValidateEmail(domain::NormalizeEmail(**value));
    if (field == "password") (void)domain::ValidatePassword(**value);
  }
  (void)http::RequiredString(*body, "organizationId");
  (void)http::OptionalBool(*body, "unassignHolders");
  FUZZ_CHECK(!http::ToJson(*body).empty());
  return 0;
}
