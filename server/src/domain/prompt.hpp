#pragma once
// The prompt library (R-P1..R-P3): entities, the repository contract and the rendering rules.
//
// A prompt's content lives only in its versions: the prompt row points at its current version
// number, every content change appends a new numbered version, and nothing is ever overwritten
// (a restore appends a copy of the old version). Timestamps are Unix milliseconds (UTC).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/entities.hpp"

namespace portal::domain {

// public: every portal user; organization: the members of organization_id; private: the owner.
enum class PromptVisibility { kPublic, kOrganization, kPrivate };
std::string_view ToString(PromptVisibility visibility);  // "public" | "organization" | "private"
std::optional<PromptVisibility> ParsePromptVisibility(std::string_view text);

struct Prompt {
  std::string id;  // "prm_…" (time-ordered)
  std::string title;
  std::string description;
  std::string category;           // free text, may be empty
  std::vector<std::string> tags;  // trimmed, no commas, unique
  std::string content;            // the current version's content (read from the version)
  int version = 1;                // the current version number
  PromptVisibility visibility = PromptVisibility::kPrivate;
  std::optional<std::string> organization_id;  // owning organization; null = portal-wide (SuperAdmin)
  std::optional<std::string> owner_id;         // the user who created it (null once deleted)
  std::string owner_name;                      // read only: the owner's current name (lists, views)
  std::string organization_name;               // read only: the organization's current name
  std::int64_t use_count = 0;                  // renders
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct PromptVersion {
  std::string prompt_id;
  int number = 1;
  std::string content;
  std::string note;  // the optional change note, "" when none
  std::optional<std::string> author_id;
  std::optional<int> restored_from;  // set when this version copies an older one
  std::int64_t created_at = 0;
};

// What a caller may see, as a filter the repository applies in SQL.
struct PromptScope {
  bool everything = false;                     // SuperAdmin
  std::optional<std::string> organization_id;  // organization-visible prompts of this organization
  std::string user_id;                         // private prompts of this owner
};

struct PromptQuery {
  ListParams page;
  PromptScope scope;
  std::optional<std::string> q;         // substring of title, description or content (case-insensitive)
  std::optional<std::string> category;  // exact
  std::optional<std::string> tag;       // one of the tags (case-insensitive)
};

// Storage of prompts and their versions; conventions as in repositories.hpp.
class PromptRepository {
 public:
  virtual ~PromptRepository() = default;
  // Inserts the prompt with `first` (number 1) as its current version.
  virtual Status Insert(const Prompt& prompt, const PromptVersion& first) = 0;
  virtual Result<Prompt> FindById(std::string_view id) = 0;         // with the current content
  virtual Result<Page<Prompt>> List(const PromptQuery& query) = 0;  // newest first
  // Title, description, category, tags, visibility, organization_id and updated_at.
  virtual Status UpdateMetadata(const Prompt& prompt) = 0;
  // Appends `version` and makes it current, if and only if the current version is
  // version.number - 1; kConflict otherwise (another save won) — atomic across instances.
  virtual Status AppendVersion(const PromptVersion& version, std::int64_t updated_at) = 0;
  virtual Result<std::vector<PromptVersion>> ListVersions(std::string_view prompt_id) = 0;  // oldest first
  virtual Result<PromptVersion> FindVersion(std::string_view prompt_id, int number) = 0;
  virtual Status IncrementUseCount(std::string_view id) = 0;  // atomic; leaves updated_at alone
  virtual Status Delete(std::string_view id) = 0;             // with its versions
};

struct RenderedPrompt {
  std::string content;
  std::vector<std::string> missing;  // placeholders without a value, in order of first appearance
};

// Fills {{name}} placeholders (spaces inside the braces allowed: {{ name }}). A name is one or
// more letters, digits, '_', '-', '.' or non-ASCII characters (Japanese names work; at most 128 bytes). Values are
// inserted verbatim and never scanned again; placeholders without a value stay as they are and
// are reported in `missing`; every other brace is left alone. Nothing is evaluated.
RenderedPrompt RenderPromptTemplate(std::string_view content, const std::map<std::string, std::string>& variables);
// The distinct placeholder names of a template, in order of first appearance.
std::vector<std::string> PromptVariables(std::string_view content);

}  // namespace portal::domain
