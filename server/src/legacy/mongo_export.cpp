#include "legacy/mongo_export.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace portal::legacy {
namespace {

namespace json = boost::json;
using domain::LegacyReadProblem;

struct Document {
  json::object fields;
  int line = 0;  // where the document starts in its file (1-based)
};

class FileError {
 public:
  FileError(std::string_view file, std::string_view text) : file_(file), text_(text) {}
  int LineAt(std::size_t offset) const {
    int line = 1;
    for (std::size_t i = 0; i < offset && i < text_.size(); ++i) line += text_[i] == '\n';
    return line;
  }
  Error At(std::size_t offset, const std::string& what) const {
    return std::move(Error::InvalidArgument(file_ + " line " + std::to_string(LineAt(offset)) + ": " + what +
                                            "; nothing was imported")
                         .WithApiCode("invalid_export"));
  }

 private:
  std::string file_;
  std::string_view text_;
};

// Replaces Extended JSON wrappers by plain values: $oid → string, $date → Unix ms,
// $numberInt/$numberLong → integer, $numberDouble → double, $numberDecimal → string.
Status Simplify(json::value& value, const FileError& error, std::size_t offset) {
  if (value.is_array()) {
    for (auto& item : value.as_array()) {
      if (auto s = Simplify(item, error, offset); !s) return s;
    }
    return {};
  }
  if (!value.is_object()) return {};
  auto& o = value.as_object();
  if (o.size() == 1) {
    const auto& [key, inner] = *o.begin();
    auto integer = [&](const json::value& v) -> std::optional<std::int64_t> {
      if (v.is_int64()) return v.as_int64();
      if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v.as_uint64());
      }
      if (!v.is_string()) return std::nullopt;
      const std::string text(v.as_string());
      std::int64_t out = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
      if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
      return out;
    };
    if (key == "$oid") {
      if (!inner.is_string()) return Fail(error.At(offset, "{\"$oid\": …} must hold a string"));
      value = json::string(inner.as_string());
      return {};
    }
    if (key == "$numberInt" || key == "$numberLong") {
      auto n = integer(inner);
      if (!n) return Fail(error.At(offset, "{\"" + std::string(key) + "\": …} must hold an integer"));
      value = *n;
      return {};
    }
    if (key == "$numberDouble") {
      if (!inner.is_string()) return Fail(error.At(offset, "{\"$numberDouble\": …} must hold a string"));
      value = std::strtod(std::string(inner.as_string()).c_str(), nullptr);
      return {};
    }
    if (key == "$numberDecimal") {
      if (!inner.is_string()) return Fail(error.At(offset, "{\"$numberDecimal\": …} must hold a string"));
      value = json::string(inner.as_string());
      return {};
    }
    if (key == "$date") {
      std::optional<std::int64_t> ms;
      if (inner.is_string()) {
        if (auto micros = ParseRfc3339Micros(inner.as_string())) ms = *micros / 1000;
      } else if (inner.is_object() && inner.as_object().size() == 1 && inner.as_object().contains("$numberLong")) {
        ms = integer(inner.as_object().at("$numberLong"));
      } else {
        ms = integer(inner);
      }
      if (!ms) return Fail(error.At(offset, "{\"$date\": …} is not a date"));
      value = *ms;
      return {};
    }
  }
  for (auto& [key, inner] : o) {
    if (auto s = Simplify(inner, error, offset); !s) return s;
  }
  return {};
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

Result<std::vector<Document>> ParseDocuments(const std::string& file, std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const FileError error(file, text);
  std::size_t pos = 0;
  auto skip_space = [&] {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
  };
  skip_space();
  const bool array = pos < text.size() && text[pos] == '[';
  if (array) ++pos;
  std::vector<Document> documents;
  json::stream_parser parser;
  for (bool first = true;; first = false) {
    skip_space();
    if (array) {
      if (pos >= text.size()) return Fail(error.At(pos, "the JSON array is not closed with ]"));
      if (text[pos] == ']') {
        ++pos;
        skip_space();
        if (pos != text.size()) return Fail(error.At(pos, "unexpected text after the closing ]"));
        break;
      }
      if (!first) {
        if (pos >= text.size() || text[pos] != ',') return Fail(error.At(pos, "expected , or ] after a document"));
        ++pos;
        skip_space();
      }
      if (pos >= text.size()) return Fail(error.At(pos, "the JSON array is not closed with ]"));
    } else if (pos >= text.size()) {
      break;
    }
    const std::size_t start = pos;
    parser.reset();
    boost::system::error_code ec;
    const std::size_t used = parser.write_some(text.data() + pos, text.size() - pos, ec);
    if (ec) return Fail(error.At(pos + used, "not valid JSON (" + ec.message() + ")"));
    if (!parser.done()) return Fail(error.At(start, "the document is not complete (the file ends inside it)"));
    pos += used;
    json::value value = parser.release();
    if (!value.is_object()) return Fail(error.At(start, "expected a document ({…}), found another JSON value"));
    if (auto s = Simplify(value, error, start); !s) return Fail(s.error());
    // A whole document may be an Extended JSON wrapper ({"$oid": …}): then it is a value, not one.
    if (!value.is_object()) return Fail(error.At(start, "expected a document ({…}), found an Extended JSON value"));
    documents.push_back({std::move(value.as_object()), error.LineAt(start)});
  }
  return documents;
}

// Typed access to one document's fields; a wrong type is recorded as a read problem.
class Fields {
 public:
  Fields(const Document& doc, std::string_view collection) : doc_(doc), collection_(collection) {
    legacy_id_ = Id("_id").value_or("");
  }

  const std::string& LegacyId() const { return legacy_id_; }
  int Line() const { return doc_.line; }
  bool Ok() const { return !problem_; }
  std::optional<LegacyReadProblem> Problem() const { return problem_; }

  std::optional<std::string> OptString(std::string_view key) {
    const auto* v = doc_.fields.if_contains(key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_string()) return std::string(v->as_string());
    Wrong(key, "a string");
    return std::nullopt;
  }
  std::string String(std::string_view key) { return OptString(key).value_or(""); }

  // A reference to another document: an ObjectId (now a string), a string or a number.
  std::optional<std::string> Id(std::string_view key) {
    const auto* v = doc_.fields.if_contains(key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_string()) return v->as_string().empty() ? std::nullopt : std::optional<std::string>(v->as_string());
    if (v->is_int64()) return std::to_string(v->as_int64());
    if (v->is_uint64()) return std::to_string(v->as_uint64());
    Wrong(key, "an id");
    return std::nullopt;
  }

  std::int64_t Integer(std::string_view key) {
    const auto* v = doc_.fields.if_contains(key);
    if (v == nullptr || v->is_null()) return 0;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
      return static_cast<std::int64_t>(v->as_uint64());
    }
    if (v->is_double() && v->as_double() >= -9.2e18 && v->as_double() <= 9.2e18) {
      return static_cast<std::int64_t>(v->as_double());
    }
    Wrong(key, "a number");  // also one too large for 64 bits
    return 0;
  }

  std::optional<bool> Bool(std::string_view key) {
    const auto* v = doc_.fields.if_contains(key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_bool()) return v->as_bool();
    Wrong(key, "true or false");
    return std::nullopt;
  }

  // An array of strings, or one string of comma-separated values.
  std::vector<std::string> Strings(std::string_view key) {
    std::vector<std::string> out;
    const auto* v = doc_.fields.if_contains(key);
    if (v == nullptr || v->is_null()) return out;
    if (v->is_string()) {
      std::stringstream parts{std::string(v->as_string())};
      for (std::string part; std::getline(parts, part, ',');) {
        if (!part.empty()) out.push_back(part);
      }
      return out;
    }
    if (v->is_array()) {
      for (const auto& item : v->as_array()) {
        if (!item.is_string()) {
          Wrong(key, "a list of strings");
          return {};
        }
        out.emplace_back(item.as_string());
      }
      return out;
    }
    Wrong(key, "a list of strings");
    return out;
  }

 private:
  void Wrong(std::string_view key, std::string_view expected) {
    if (problem_) return;
    problem_ = LegacyReadProblem{std::string(collection_), legacy_id_,
                                 "line " + std::to_string(doc_.line) + ": field \"" + std::string(key) +
                                     "\" should be " + std::string(expected) + "; the document is skipped"};
  }

  const Document& doc_;
  std::string_view collection_;
  std::string legacy_id_;
  std::optional<LegacyReadProblem> problem_;
};

template <typename T>
void Keep(Fields& f, T item, std::vector<T>& out, domain::LegacyExport& data) {
  if (f.Ok()) {
    out.push_back(std::move(item));
  } else {
    data.read_problems.push_back(*f.Problem());
  }
}

void AddOrganizations(const std::vector<Document>& docs, domain::LegacyExport& data) {
  for (const auto& doc : docs) {
    Fields f(doc, "simpleorganizations");
    domain::LegacyOrganization org;
    org.legacy_id = f.LegacyId();
    org.line = f.Line();
    org.name = f.String("name");
    org.description = f.String("description");
    org.workspace_id = f.Id("workspaceId");
    org.status = f.String("status");
    Keep(f, std::move(org), data.organizations, data);
  }
}

void AddUsers(const std::vector<Document>& docs, domain::LegacyExport& data) {
  for (const auto& doc : docs) {
    Fields f(doc, "simpleusers");
    domain::LegacyUser user;
    user.legacy_id = f.LegacyId();
    user.line = f.Line();
    user.name = f.String("name");
    user.email = f.String("email");
    user.password_hash = f.String("password");
    user.role = f.String("role");
    user.organization_legacy_id = f.Id("organizationId");
    user.api_key_id = f.Id("apiKeyId");
    user.api_key_value = f.OptString("apiKeyValue");
    user.status = f.String("status");
    user.updated_at = f.Integer("updatedAt");
    Keep(f, std::move(user), data.users, data);
  }
}

void AddApiKeys(const std::vector<Document>& docs, domain::LegacyExport& data) {
  for (const auto& doc : docs) {
    Fields f(doc, "anthropicapikeys");
    domain::LegacyApiKey key;
    key.legacy_id = f.LegacyId();
    key.line = f.Line();
    key.api_key_id = f.Id("apiKeyId").value_or("");
    key.value = f.OptString("apiKeyFull");
    key.name = f.String("name");
    Keep(f, std::move(key), data.api_keys, data);
  }
}

void AddPrompts(const std::vector<Document>& docs, domain::LegacyExport& data) {
  for (const auto& doc : docs) {
    Fields f(doc, "prompts");
    domain::LegacyPrompt prompt;
    prompt.legacy_id = f.LegacyId();
    prompt.line = f.Line();
    prompt.title = f.String("title");
    prompt.description = f.String("description");
    prompt.content = f.String("content");
    prompt.category = f.String("category");
    prompt.tags = f.Strings("tags");
    auto visibility = f.OptString("visibility");
    auto is_public = f.Bool("isPublic");
    prompt.visibility = visibility ? *visibility : (is_public.value_or(false) ? "public" : "private");
    prompt.owner_legacy_id = f.Id("ownerId");
    prompt.organization_legacy_id = f.Id("organizationId");
    prompt.use_count = f.Integer("usageCount");
    prompt.created_at = f.Integer("createdAt");
    prompt.updated_at = f.Integer("updatedAt");
    Keep(f, std::move(prompt), data.prompts, data);
  }
}

Status AddCollection(std::string_view collection, const std::string& file, std::string_view text,
                     domain::LegacyExport& data) {
  auto docs = ParseDocuments(file, text);
  if (!docs) return Fail(docs.error());
  if (collection == "simpleorganizations") AddOrganizations(*docs, data);
  if (collection == "simpleusers") AddUsers(*docs, data);
  if (collection == "anthropicapikeys") AddApiKeys(*docs, data);
  if (collection == "prompts") AddPrompts(*docs, data);
  return {};
}

std::string CollectionOf(const std::string& file_name) {
  std::string name = std::filesystem::path(file_name).filename().string();
  if (name.ends_with(".json")) name.resize(name.size() - 5);
  return name;
}

}  // namespace

Result<domain::LegacyExport> ReadExport(const std::map<std::string, std::string>& files) {
  domain::LegacyExport data;
  for (auto collection : kCollections) {
    auto it =
        std::find_if(files.begin(), files.end(), [&](const auto& f) { return CollectionOf(f.first) == collection; });
    if (it == files.end()) {
      data.missing_files.emplace_back(collection);
      continue;
    }
    if (auto s = AddCollection(collection, std::string(collection) + ".json", it->second, data); !s) {
      return Fail(s.error());
    }
  }
  return data;
}

Result<domain::LegacyExport> ReadExportDirectory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Fail(Error::InvalidArgument(dir.string() + " is not a folder (give the folder mongoexport wrote into)"));
  }
  std::map<std::string, std::string> files;
  for (auto collection : kCollections) {
    const auto path = dir / (std::string(collection) + ".json");
    if (!std::filesystem::exists(path, ec)) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(Error::InvalidArgument("cannot read " + path.string()));
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace(path.filename().string(), text.str());
  }
  return ReadExport(files);
}

json::object ReportJson(const domain::ImportReport& report) {
  json::object counts;
  for (const auto& [kind, count] : report.counts) {
    counts[kind] = json::object{{"created", count.created}, {"matched", count.matched}, {"skipped", count.skipped}};
  }
  json::array problems;
  for (const auto& p : report.problems) {
    problems.push_back(json::object{
        {"kind", p.kind}, {"collection", p.collection}, {"legacyId", p.legacy_id}, {"message", p.message}});
  }
  json::object out{{"dryRun", report.dry_run},
                   {"anthropic", report.anthropic},
                   {"syncRunId", report.sync_run_id ? json::value(*report.sync_run_id) : json::value(nullptr)},
                   {"changed", report.changed},
                   {"counts", std::move(counts)},
                   {"problems", std::move(problems)}};
  return out;
}

std::string ReportText(const domain::ImportReport& report) {
  std::ostringstream out;
  if (report.dry_run) {
    out << (report.changed ? "Dry run: nothing was changed. Without --dry-run, the import would do this:\n"
                           : "Dry run: nothing was changed, and an import would change nothing either.\n");
  } else {
    out << (report.changed ? "Imported (one transaction):\n"
                           : "Nothing changed: everything in this export was imported before.\n");
  }
  if (report.anthropic == "synced") {
    out << "Anthropic: synced first (run " << report.sync_run_id.value_or("") << "); keys matched against it.\n";
  } else if (report.anthropic == "fetched") {
    out << "Anthropic: read just now and keys matched against it (a dry run stores nothing of it).\n";
  } else if (report.anthropic == "not_configured") {
    out << "Anthropic: no connection configured; keys were matched only against what was synced before.\n";
  } else {
    out << "Anthropic: not synced first; keys were matched against what was synced before.\n";
  }
  char line[128];
  std::snprintf(line, sizeof line, "%-16s %8s %8s %8s\n", "", "created", "matched", "skipped");
  out << line;
  for (const char* kind : {"organizations", "workspaceLinks", "apiKeys", "users", "assignments", "prompts"}) {
    auto it = report.counts.find(kind);
    if (it == report.counts.end()) continue;
    std::snprintf(line, sizeof line, "%-16s %8lld %8lld %8lld\n", kind, static_cast<long long>(it->second.created),
                  static_cast<long long>(it->second.matched), static_cast<long long>(it->second.skipped));
    out << line;
  }
  if (report.problems.empty()) {
    out << "No problems.\n";
  } else {
    out << "Problems (" << report.problems.size() << "):\n";
    for (const auto& p : report.problems) {
      out << "  " << p.collection;
      if (!p.legacy_id.empty()) out << ' ' << VisibleText(p.legacy_id);
      out << " [" << p.kind << "]: " << VisibleText(p.message) << "\n";
    }
  }
  return out.str();
}

}  // namespace portal::legacy
