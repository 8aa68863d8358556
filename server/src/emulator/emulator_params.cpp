#include "emulator/emulator_params.hpp"

#include <charconv>

namespace portal::emulator {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string UrlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

QueryParams QueryParams::Parse(std::string_view raw) {
  QueryParams params;
  std::size_t start = 0;
  while (start <= raw.size()) {
    auto amp = raw.find('&', start);
    if (amp == std::string_view::npos) amp = raw.size();
    auto part = raw.substr(start, amp - start);
    if (!part.empty()) {
      auto eq = part.find('=');
      if (eq == std::string_view::npos) {
        params.pairs_.emplace_back(UrlDecode(part), "");
      } else {
        params.pairs_.emplace_back(UrlDecode(part.substr(0, eq)), UrlDecode(part.substr(eq + 1)));
      }
    }
    start = amp + 1;
  }
  return params;
}

std::optional<std::string> QueryParams::Get(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& [k, v] : pairs_) {
    if (k == name) out = v;
  }
  return out;
}

std::vector<std::string> QueryParams::GetAll(std::string_view name) const {
  std::string bracketed = std::string(name) + "[]";
  std::vector<std::string> out;
  for (const auto& [k, v] : pairs_) {
    if (k == name || k == bracketed) out.push_back(v);
  }
  return out;
}

Result<int> ParseInt(const QueryParams& query, std::string_view name, int fallback, int min, int max) {
  auto text = query.Get(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Fail(Error::InvalidArgument(std::string(name) + ": expected an integer"));
  }
  if (value < min || value > max) {
    return Fail(Error::InvalidArgument(std::string(name) + ": must be between " + std::to_string(min) + " and " +
                                       std::to_string(max)));
  }
  return value;
}

Result<PageRequest> ParsePageRequest(const QueryParams& query) {
  PageRequest page;
  auto limit = ParseInt(query, "limit", 20, 1, 1000);
  if (!limit) return Fail(limit.error());
  page.limit = *limit;
  page.before_id = query.Get("before_id");
  page.after_id = query.Get("after_id");
  if (page.before_id && page.before_id->empty()) page.before_id.reset();
  if (page.after_id && page.after_id->empty()) page.after_id.reset();
  return page;
}

Result<std::optional<bool>> ParseBool(const QueryParams& query, std::string_view name) {
  auto text = query.Get(name);
  if (!text) return std::optional<bool>();
  if (*text == "true" || *text == "1") return std::optional<bool>(true);
  if (*text == "false" || *text == "0") return std::optional<bool>(false);
  return Fail(Error::InvalidArgument(std::string(name) + ": expected true or false"));
}

std::string Base64Encode(std::string_view data) {
  std::string out;
  std::size_t i = 0;
  while (i + 2 < data.size()) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
    i += 3;
  }
  if (i + 1 == data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == data.size()) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    auto pos = kBase64.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace portal::emulator
