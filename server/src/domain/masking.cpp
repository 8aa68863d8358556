#include "domain/masking.hpp"

namespace portal::domain {

std::string MaskSecret(std::string_view value) {
  constexpr std::size_t kHead = 16;
  constexpr std::size_t kTail = 4;
  constexpr std::size_t kMinLength = 24;
  if (value.size() < kMinLength) {
    return "***";
  }
  std::string masked(value.substr(0, kHead));
  masked += "...";
  masked += value.substr(value.size() - kTail);
  return masked;
}

}  // namespace portal::domain
