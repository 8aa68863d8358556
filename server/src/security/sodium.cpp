#include "security/sodium.hpp"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace portal::security {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) {
      throw std::runtime_error("libsodium could not be initialised");
    }
  });
}

}  // namespace portal::security
