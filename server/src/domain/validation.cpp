#include "domain/validation.hpp"

#include "core/text.hpp"
#include "domain/common_passwords.hpp"

namespace portal::domain {

std::size_t CodePointCount(std::string_view utf8) {
  std::size_t count = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string Trimmed(std::string_view text) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

Status ValidatePassword(std::string_view password) {
  auto n = CodePointCount(password);
  if (n < kMinPasswordLength || n > kMaxPasswordLength) {
    return Fail(Error::InvalidArgument("password must be 12 to 128 characters long")
                    .WithApiCode("invalid_password")
                    .WithField("password"));
  }
  if (IsCommonPassword(password)) {
    return Fail(Error::InvalidArgument("this password appears in lists of leaked passwords; choose another")
                    .WithApiCode("password_too_common")
                    .WithField("password"));
  }
  return {};
}

Status ValidateEmail(std::string_view email) {
  auto at = email.find('@');
  bool ok = !email.empty() && email.size() <= 254 && at != std::string_view::npos && at > 0 &&
            email.find('@', at + 1) == std::string_view::npos && at + 1 < email.size();
  if (ok) {
    auto domain = email.substr(at + 1);
    ok = domain.find('.') != std::string_view::npos && domain.front() != '.' && domain.back() != '.';
    for (char c : email) {
      if (c == ' ' || c == '\t' || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' ||
          static_cast<unsigned char>(c) < 0x20) {
        ok = false;
      }
    }
  }
  if (!ok) {
    return Fail(Error::InvalidArgument("email is not a valid address").WithApiCode("invalid_email").WithField("email"));
  }
  return {};
}

Status ValidateCharacters(std::string_view text, std::string_view field, bool multiline) {
  for (std::size_t pos = 0; pos < text.size();) {
    const auto cp = DecodeUtf8(text, pos);
    if (!cp.valid)
      return Fail(Error::InvalidArgument(std::string(field) + " is not valid UTF-8").WithField(std::string(field)));
    const bool allowed_space = multiline && (cp.value == '\n' || cp.value == '\r' || cp.value == '\t');
    if ((IsControl(cp.value) && !allowed_space) || IsBidiControl(cp.value)) {
      return Fail(Error::InvalidArgument(std::string(field) +
                                         " must not contain control characters or bidirectional formatting "
                                         "characters (such as U+202E)" +
                                         (multiline ? "" : "; it is one line"))
                      .WithField(std::string(field)));
    }
    pos += cp.length;
  }
  return {};
}

Status ValidateName(std::string_view name, std::string_view field, std::size_t max) {
  if (auto s = ValidateCharacters(name, field); !s) return s;
  auto n = CodePointCount(name);
  if (n == 0 || n > max || Trimmed(name).size() != name.size()) {
    return Fail(Error::InvalidArgument(std::string(field) + " must be 1 to " + std::to_string(max) +
                                       " characters without leading or trailing spaces")
                    .WithField(std::string(field)));
  }
  return {};
}

}  // namespace portal::domain
