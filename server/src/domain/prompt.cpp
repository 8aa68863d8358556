#include "domain/prompt.hpp"

#include <algorithm>

namespace portal::domain {
namespace {

constexpr std::string_view kOpen = "{{";
constexpr std::string_view kClose = "}}";
// Longest text between the braces that can still be a placeholder; bounds the work per "{{" so
// that rendering stays linear however the content is built.
constexpr std::size_t kMaxInner = 128;

bool IsNameByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c >= 0x80;
}

// The placeholder starting at `pos` ("{{"): its name and its length in `content`, or nullopt
// when the braces there do not form one.
std::optional<std::pair<std::string_view, std::size_t>> PlaceholderAt(std::string_view content, std::size_t pos) {
  const std::string_view window =
      content.substr(0, std::min(content.size(), pos + kOpen.size() + kMaxInner + kClose.size()));
  const auto close = window.find(kClose, pos + kOpen.size());
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inner = content.substr(pos + kOpen.size(), close - pos - kOpen.size());
  while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
  while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
  if (inner.empty()) return std::nullopt;
  for (unsigned char c : inner) {
    if (!IsNameByte(c)) return std::nullopt;
  }
  return std::pair{inner, close + kClose.size() - pos};
}

template <typename OnText, typename OnPlaceholder>
void Scan(std::string_view content, OnText on_text, OnPlaceholder on_placeholder) {
  std::size_t pos = 0;
  while (pos < content.size()) {
    const auto open = content.find(kOpen, pos);
    if (open == std::string_view::npos) {
      on_text(content.substr(pos));
      return;
    }
    auto placeholder = PlaceholderAt(content, open);
    if (!placeholder) {
      on_text(content.substr(pos, open + 1 - pos));  // keep one brace, look again after it
      pos = open + 1;
      continue;
    }
    on_text(content.substr(pos, open - pos));
    on_placeholder(placeholder->first, content.substr(open, placeholder->second));
    pos = open + placeholder->second;
  }
}

void AddUnique(std::vector<std::string>& names, std::string_view name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
}

}  // namespace

std::string_view ToString(PromptVisibility visibility) {
  switch (visibility) {
    case PromptVisibility::kPublic: return "public";
    case PromptVisibility::kOrganization: return "organization";
    case PromptVisibility::kPrivate: return "private";
  }
  return "private";
}

std::optional<PromptVisibility> ParsePromptVisibility(std::string_view text) {
  if (text == "public") return PromptVisibility::kPublic;
  if (text == "organization") return PromptVisibility::kOrganization;
  if (text == "private") return PromptVisibility::kPrivate;
  return std::nullopt;
}

RenderedPrompt RenderPromptTemplate(std::string_view content, const std::map<std::string, std::string>& variables) {
  RenderedPrompt out;
  out.content.reserve(content.size());
  Scan(
      content, [&](std::string_view text) { out.content.append(text); },
      [&](std::string_view name, std::string_view raw) {
        auto value = variables.find(std::string(name));
        if (value == variables.end()) {
          out.content.append(raw);
          AddUnique(out.missing, name);
        } else {
          out.content.append(value->second);
        }
      });
  return out;
}

std::vector<std::string> PromptVariables(std::string_view content) {
  std::vector<std::string> names;
  Scan(
      content, [](std::string_view) {}, [&](std::string_view name, std::string_view) { AddUnique(names, name); });
  return names;
}

}  // namespace portal::domain
