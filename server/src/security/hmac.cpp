#include "security/hmac.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace portal::security {

std::array<std::uint8_t, 32> HmacSha256(std::string_view key, std::string_view data) {
  // OpenSSL treats a null key as "reuse the previous key"; an empty key must still be a pointer.
  static constexpr unsigned char kEmpty = 0;
  const void* key_ptr = key.empty() ? &kEmpty : static_cast<const void*>(key.data());
  const unsigned char* data_ptr = data.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(data.data());

  std::array<std::uint8_t, 32> mac{};
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha256(), key_ptr, static_cast<int>(key.size()), data_ptr, data.size(), mac.data(), &mac_len) ==
          nullptr ||
      mac_len != mac.size()) {
    // Only an allocation failure inside OpenSSL gets here: a broken invariant, not an expected error.
    throw std::runtime_error("HMAC-SHA-256 failed");
  }
  return mac;
}

}  // namespace portal::security
