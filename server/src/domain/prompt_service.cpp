#include "domain/prompt_service.hpp"

#include <algorithm>
#include <cstdio>

#include "core/ids.hpp"
#include "domain/audit_service.hpp"
#include "domain/auth_service.hpp"
#include "domain/validation.hpp"

namespace portal::domain {
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxDescription = 2000;
constexpr std::size_t kMaxCategory = 50;
constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxTag = 40;
constexpr std::size_t kMaxNote = 500;

// Length and characters of a free-text field (every prompt field is multi-line but the title,
// the category and the tags, which go through ValidateName or NormalizeTags).
Status ValidateLength(std::string_view text, std::string_view field, std::size_t max, bool multiline = true) {
  if (auto s = ValidateCharacters(text, field, multiline); !s) return s;
  if (CodePointCount(text) > max) {
    return Fail(Error::InvalidArgument(std::string(field) + " must be at most " + std::to_string(max) + " characters"));
  }
  return {};
}

Result<std::vector<std::string>> NormalizeTags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& raw : tags) {
    std::string tag = Trimmed(raw);
    if (auto s = ValidateCharacters(tag, "tags"); !s) return Fail(s.error());
    if (tag.empty() || CodePointCount(tag) > kMaxTag || tag.find(',') != std::string::npos) {
      return Fail(Error::InvalidArgument("tags must be 1 to 40 characters each, without commas"));
    }
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(std::move(tag));
  }
  if (out.size() > kMaxTags) return Fail(Error::InvalidArgument("at most 20 tags"));
  return out;
}

// Whether the actor may give a prompt this visibility and owning organization.
Status CheckPlacement(const Actor& actor, const Prompt& prompt) {
  if (prompt.visibility == PromptVisibility::kOrganization && !prompt.organization_id) {
    return Fail(Error::InvalidArgument("an organization prompt needs organizationId"));
  }
  switch (actor.role) {
    case Role::kSuperAdmin: return {};
    case Role::kAdmin:
      if (prompt.organization_id != actor.organization_id) return Fail(Error::NotFound("organization not found"));
      return {};
    case Role::kUser:
      if (prompt.organization_id != actor.organization_id) return Fail(Error::NotFound("organization not found"));
      if (prompt.visibility != PromptVisibility::kPrivate) {
        return Fail(Error::Forbidden("users may create and keep only private prompts"));
      }
      return {};
  }
  return Fail(Error::Forbidden());
}

Result<Prompt> LoadVisible(Tx& tx, const Actor& actor, const std::string& id) {
  auto prompt = tx.Prompts().FindById(id);
  if (!prompt) {
    if (prompt.error().code == ErrorCode::kNotFound) return Fail(Error::NotFound("prompt not found"));
    return Fail(prompt.error());
  }
  if (!PromptService::CanRead(actor, *prompt)) return Fail(Error::NotFound("prompt not found"));
  return prompt;
}

Result<Prompt> LoadEditable(Tx& tx, const Actor& actor, const std::string& id) {
  auto prompt = LoadVisible(tx, actor, id);
  if (prompt && !PromptService::CanEdit(actor, *prompt)) {
    return Fail(Error::Forbidden("you may use this prompt but not change it"));
  }
  return prompt;
}

}  // namespace

Status ValidatePromptContent(std::string_view content) {
  if (Trimmed(content).empty()) return Fail(Error::InvalidArgument("content must not be empty"));
  return ValidateLength(content, "content", kMaxPromptContentLength);
}

Status NormalizePromptFields(Prompt& prompt) {
  prompt.title = Trimmed(prompt.title);
  if (auto ok = ValidateName(prompt.title, "title", kMaxTitle); !ok) return ok;
  if (auto ok = ValidateLength(prompt.description, "description", kMaxDescription); !ok) return ok;
  prompt.category = Trimmed(prompt.category);
  if (auto ok = ValidateLength(prompt.category, "category", kMaxCategory, false); !ok) return ok;
  auto tags = NormalizeTags(prompt.tags);
  if (!tags) return Fail(tags.error());
  prompt.tags = std::move(*tags);
  return {};
}

PromptService::PromptService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

bool PromptService::CanRead(const Actor& actor, const Prompt& prompt) {
  if (IsSuperAdmin(actor)) return true;
  switch (prompt.visibility) {
    case PromptVisibility::kPublic: return true;
    case PromptVisibility::kOrganization:
      return prompt.organization_id && prompt.organization_id == actor.organization_id;
    case PromptVisibility::kPrivate: return prompt.owner_id == actor.user_id;
  }
  return false;
}

bool PromptService::CanEdit(const Actor& actor, const Prompt& prompt) {
  switch (actor.role) {
    case Role::kSuperAdmin: return true;
    case Role::kAdmin:
      if (prompt.visibility == PromptVisibility::kPrivate) return prompt.owner_id == actor.user_id;
      return prompt.organization_id && prompt.organization_id == actor.organization_id;
    case Role::kUser: return prompt.visibility == PromptVisibility::kPrivate && prompt.owner_id == actor.user_id;
  }
  return false;
}

Result<Page<Prompt>> PromptService::List(const Actor& actor, const PromptFilters& filters) {
  PromptQuery query;
  query.page = filters.page;
  query.scope.everything = IsSuperAdmin(actor);
  query.scope.organization_id = actor.organization_id;
  query.scope.user_id = actor.user_id;
  auto blank_to_null = [](const std::optional<std::string>& v) -> std::optional<std::string> {
    if (!v) return std::nullopt;
    std::string t = Trimmed(*v);
    return t.empty() ? std::nullopt : std::optional(t);
  };
  query.q = blank_to_null(filters.q);
  query.category = blank_to_null(filters.category);
  query.tag = blank_to_null(filters.tag);
  Page<Prompt> page;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = tx.Prompts().List(query);
    if (!found) return Fail(found.error());
    page = std::move(*found);
    return {};
  });
  if (!read) return Fail(read.error());
  return page;
}

Result<Prompt> PromptService::Get(const Actor& actor, const std::string& id) {
  Prompt prompt;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto found = LoadVisible(tx, actor, id);
    if (!found) return Fail(found.error());
    prompt = std::move(*found);
    return {};
  });
  if (!read) return Fail(read.error());
  return prompt;
}

namespace {

// The prompt as stored, with the names it is shown with (its owner's, its organization's).
Status ReadBack(Tx& tx, Prompt& prompt) {
  auto stored = tx.Prompts().FindById(prompt.id);
  if (!stored) return Fail(stored.error());
  prompt = std::move(*stored);
  return {};
}

}  // namespace

Result<Prompt> PromptService::Create(const Actor& actor, const NewPrompt& input) {
  const auto now = NowMs();
  Prompt prompt;
  prompt.id = NewId("prm", FromUnixMillis(now));
  prompt.title = input.title;
  prompt.description = input.description;
  prompt.category = input.category;
  prompt.tags = input.tags;
  prompt.content = input.content;
  prompt.version = 1;
  prompt.visibility = input.visibility;
  prompt.organization_id = input.organization_id ? input.organization_id : actor.organization_id;
  prompt.owner_id = actor.user_id;
  prompt.created_at = now;
  prompt.updated_at = now;
  if (auto ok = NormalizePromptFields(prompt); !ok) return Fail(ok.error());
  if (auto ok = ValidatePromptContent(prompt.content); !ok) return Fail(ok.error());
  if (auto ok = ValidateLength(input.change_note, "changeNote", kMaxNote); !ok) return Fail(ok.error());
  if (auto ok = CheckPlacement(actor, prompt); !ok) return Fail(ok.error());

  PromptVersion first{prompt.id, 1, prompt.content, Trimmed(input.change_note), actor.user_id, std::nullopt, now};
  auto written = store_.Write([&](Tx& tx) -> Status {
    if (auto ok = tx.Prompts().Insert(prompt, first); !ok) return ok;
    if (auto ok = tx.Audit().Append(MakeAuditEvent(
            actor.user_id, "prompt.create", "prompt", prompt.id, prompt.organization_id, actor.request_id, now,
            AuditDetails().Add("title", prompt.title).Add("visibility", ToString(prompt.visibility)).Json()));
        !ok) {
      return ok;
    }
    return ReadBack(tx, prompt);
  });
  if (!written) return Fail(written.error());
  return prompt;
}

Result<Prompt> PromptService::Update(const Actor& actor, const std::string& id, const PromptPatch& patch) {
  if (patch.content) {
    if (auto ok = ValidatePromptContent(*patch.content); !ok) return Fail(ok.error());
  }
  if (patch.change_note) {
    if (auto ok = ValidateLength(*patch.change_note, "changeNote", kMaxNote); !ok) return Fail(ok.error());
  }
  const auto now = NowMs();
  Prompt result;
  auto written = store_.Write([&](Tx& tx) -> Status {
    auto loaded = LoadEditable(tx, actor, id);
    if (!loaded) return Fail(loaded.error());
    Prompt prompt = *loaded;
    // Sending the current organization back (as an edit form does) is not a move.
    if (patch.organization_id && *patch.organization_id != prompt.organization_id && !IsSuperAdmin(actor)) {
      return Fail(Error::Forbidden("only a SuperAdmin moves a prompt to another organization"));
    }
    std::vector<std::string> fields;
    auto changed = [&](const char* name) { fields.emplace_back(name); };
    auto apply = [&](const auto& value, auto& field, const char* name) {
      if (value && *value != field) {
        field = *value;
        changed(name);
      }
    };
    apply(patch.title, prompt.title, "title");
    apply(patch.description, prompt.description, "description");
    apply(patch.category, prompt.category, "category");
    apply(patch.tags, prompt.tags, "tags");
    apply(patch.visibility, prompt.visibility, "visibility");
    apply(patch.organization_id, prompt.organization_id, "organizationId");
    if (auto ok = NormalizePromptFields(prompt); !ok) return ok;
    if (auto ok = CheckPlacement(actor, prompt); !ok) return ok;
    const bool new_content = patch.content && *patch.content != loaded->content;
    if (fields.empty() && !new_content) {
      result = std::move(prompt);
      return {};
    }
    prompt.updated_at = now;
    if (!fields.empty()) {
      if (auto ok = tx.Prompts().UpdateMetadata(prompt); !ok) return ok;
    }
    if (new_content) {
      PromptVersion version{prompt.id,
                            prompt.version + 1,
                            *patch.content,
                            Trimmed(patch.change_note.value_or("")),
                            actor.user_id,
                            std::nullopt,
                            now};
      if (auto ok = tx.Prompts().AppendVersion(version, now); !ok) return ok;
      prompt.version = version.number;
      prompt.content = version.content;
      changed("content");
    }
    if (auto ok = tx.Audit().Append(MakeAuditEvent(
            actor.user_id, "prompt.update", "prompt", prompt.id, prompt.organization_id, actor.request_id, now,
            AuditDetails().Add("fields", fields).Add("version", prompt.version).Json()));
        !ok) {
      return ok;
    }
    result = std::move(prompt);
    return ReadBack(tx, result);
  });
  if (!written) return Fail(written.error());
  return result;
}

Status PromptService::Delete(const Actor& actor, const std::string& id) {
  const auto now = NowMs();
  return store_.Write([&](Tx& tx) -> Status {
    auto prompt = LoadEditable(tx, actor, id);
    if (!prompt) return Fail(prompt.error());
    if (auto ok = tx.Prompts().Delete(id); !ok) return ok;
    return tx.Audit().Append(
        MakeAuditEvent(actor.user_id, "prompt.delete", "prompt", id, prompt->organization_id, actor.request_id, now,
                       AuditDetails().Add("title", prompt->title).Add("versions", prompt->version).Json()));
  });
}

Result<PromptHistory> PromptService::Versions(const Actor& actor, const std::string& id) {
  PromptHistory history;
  auto read = store_.Read([&](Tx& tx) -> Status {
    auto prompt = LoadVisible(tx, actor, id);
    if (!prompt) return Fail(prompt.error());
    history.prompt = std::move(*prompt);
    auto found = tx.Prompts().ListVersions(id);
    if (!found) return Fail(found.error());
    history.versions = std::move(*found);
    return {};
  });
  if (!read) return Fail(read.error());
  return history;
}

Result<Prompt> PromptService::Restore(const Actor& actor, const std::string& id, int number,
                                      const std::string& change_note) {
  if (auto ok = ValidateLength(change_note, "changeNote", kMaxNote); !ok) return Fail(ok.error());
  const auto now = NowMs();
  Prompt result;
  auto written = store_.Write([&](Tx& tx) -> Status {
    auto prompt = LoadEditable(tx, actor, id);
    if (!prompt) return Fail(prompt.error());
    auto old = tx.Prompts().FindVersion(id, number);
    if (!old) {
      if (old.error().code == ErrorCode::kNotFound) return Fail(Error::NotFound("version not found"));
      return Fail(old.error());
    }
    PromptVersion version{id, prompt->version + 1, old->content, Trimmed(change_note), actor.user_id, number, now};
    if (auto ok = tx.Prompts().AppendVersion(version, now); !ok) return ok;
    result = *prompt;
    result.version = version.number;
    result.content = version.content;
    result.updated_at = now;
    return tx.Audit().Append(
        MakeAuditEvent(actor.user_id, "prompt.restore", "prompt", id, prompt->organization_id, actor.request_id, now,
                       AuditDetails().Add("restoredFrom", number).Add("version", version.number).Json()));
  });
  if (!written) return Fail(written.error());
  return result;
}

Result<RenderedPrompt> PromptService::Render(const Actor& actor, const std::string& id,
                                             const std::map<std::string, std::string>& variables) {
  const auto now = NowMs();
  RenderedPrompt rendered;
  auto written = store_.Write([&](Tx& tx) -> Status {
    auto prompt = LoadVisible(tx, actor, id);
    if (!prompt) return Fail(prompt.error());
    rendered = RenderPromptTemplate(prompt->content, variables);
    if (auto ok = tx.Prompts().IncrementUseCount(id); !ok) return ok;
    // Who used which version; the values themselves may be confidential and are not recorded.
    return tx.Audit().Append(MakeAuditEvent(actor.user_id, "prompt.render", "prompt", id, prompt->organization_id,
                                            actor.request_id, now,
                                            AuditDetails()
                                                .Add("version", prompt->version)
                                                .Add("missing", static_cast<std::int64_t>(rendered.missing.size()))
                                                .Json()));
  });
  if (!written) return Fail(written.error());
  return rendered;
}

}  // namespace portal::domain
