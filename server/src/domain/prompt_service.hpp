#pragma once
// The prompt library's rules (R-P, R-C3): who sees and changes which prompt, versioning,
// restore and rendering. Every change is audited.
//
// Access:
// - SuperAdmin: every prompt.
// - Admin: reads public prompts, their organization's organization-visible prompts and their
//   own private ones; changes the prompts owned by their organization (any visibility but other
//   people's private ones).
// - User: reads the same; creates and changes only their own private prompts.
// - A private prompt is seen by its owner (and SuperAdmin) only, not by the owner's Admin.
// A prompt the caller may not see answers kNotFound (also for another tenant's prompt); one they
// may see but not change answers kForbidden.
//
// Blocking (database); thread-safe.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/policy.hpp"
#include "domain/prompt.hpp"
#include "domain/repositories.hpp"

namespace portal::domain {

inline constexpr std::size_t kMaxPromptContentLength = 100'000;  // code points

// Trims and checks the descriptive fields (title, description, category, tags) in place.
Status NormalizePromptFields(Prompt& prompt);
// kInvalidArgument for empty or over-long content.
Status ValidatePromptContent(std::string_view content);

struct NewPrompt {
  std::string title;
  std::string description;
  std::string category;
  std::vector<std::string> tags;
  std::string content;
  PromptVisibility visibility = PromptVisibility::kPrivate;
  std::optional<std::string> organization_id;  // default: the caller's organization
  std::string change_note;                     // note of version 1
};

// Absent fields stay as they are. Content that differs from the current one makes a new version.
struct PromptPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> category;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> content;
  std::optional<std::string> change_note;
  std::optional<PromptVisibility> visibility;
  std::optional<std::optional<std::string>> organization_id;  // SuperAdmin only
};

struct PromptHistory {
  Prompt prompt;
  std::vector<PromptVersion> versions;  // oldest first
};

struct PromptFilters {
  ListParams page;
  std::optional<std::string> q;
  std::optional<std::string> category;
  std::optional<std::string> tag;
};

class PromptService {
 public:
  PromptService(Store& store, const Clock& clock);

  Result<Page<Prompt>> List(const Actor& actor, const PromptFilters& filters);
  Result<Prompt> Get(const Actor& actor, const std::string& id);
  Result<Prompt> Create(const Actor& actor, const NewPrompt& input);
  Result<Prompt> Update(const Actor& actor, const std::string& id, const PromptPatch& patch);
  Status Delete(const Actor& actor, const std::string& id);
  Result<PromptHistory> Versions(const Actor& actor, const std::string& id);
  // Appends a copy of version `number` as the new current version.
  Result<Prompt> Restore(const Actor& actor, const std::string& id, int number, const std::string& change_note = {});
  // Renders the current version and counts a use.
  Result<RenderedPrompt> Render(const Actor& actor, const std::string& id,
                                const std::map<std::string, std::string>& variables);

  // Rules, exposed for the HTTP layer (canEdit) and tests.
  static bool CanRead(const Actor& actor, const Prompt& prompt);
  static bool CanEdit(const Actor& actor, const Prompt& prompt);

 private:
  std::int64_t NowMs() const { return ToUnixMillis(clock_.Now()); }
  Store& store_;
  const Clock& clock_;
};

}  // namespace portal::domain
