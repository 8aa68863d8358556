#include "domain/entities.hpp"

namespace portal::domain {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kSuperAdmin: return "SuperAdmin";
    case Role::kAdmin: return "Admin";
    case Role::kUser: return "User";
  }
  return "User";
}

std::optional<Role> ParseRole(std::string_view text) {
  if (text == "SuperAdmin") return Role::kSuperAdmin;
  if (text == "Admin") return Role::kAdmin;
  if (text == "User") return Role::kUser;
  return std::nullopt;
}

std::string_view ToString(UserStatus status) {
  switch (status) {
    case UserStatus::kActive: return "active";
    case UserStatus::kDisabled: return "disabled";
  }
  return "disabled";
}

std::optional<UserStatus> ParseUserStatus(std::string_view text) {
  if (text == "active") return UserStatus::kActive;
  if (text == "disabled") return UserStatus::kDisabled;
  return std::nullopt;
}

std::string NormalizeEmail(std::string_view email) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = email.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = email.find_last_not_of(kSpace);
  std::string out(email.substr(first, last - first + 1));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace portal::domain
