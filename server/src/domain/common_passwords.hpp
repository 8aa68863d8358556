#pragma once
// Passwords that leaked lists show people choose most (R-A1). The list ships with the portal
// (common_passwords.txt, see common_passwords.README.md): the 10 000 most common passwords of the
// breach corpus zxcvbn ranks, and every longer one (12+ characters) of its 49 000.

#include <string_view>

namespace portal::domain {

// True for a password on the list, compared without case, also once trailing digits and symbols
// are removed ("Password2024!!" is "password"), and for a list entry repeated ("monkeymonkey").
bool IsCommonPassword(std::string_view password);

}  // namespace portal::domain
