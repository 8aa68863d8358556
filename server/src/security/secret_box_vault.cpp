#include "security/secret_box_vault.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace portal::security {

std::uint8_t MasterKeyId(std::string_view key_bytes) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(key_bytes.data()), key_bytes.size(),
                     nullptr, 0);
  return static_cast<std::uint8_t>(1 + digest[0] % 255);
}

SecretKey MakeSecretKey(std::string key_bytes) {
  SecretKey key;
  key.id = MasterKeyId(key_bytes);
  key.bytes = std::move(key_bytes);
  return key;
}

std::string NewMasterKey(const std::vector<std::uint8_t>& avoid) {
  for (;;) {
    std::string bytes(kMasterKeyBytes, '\0');
    randombytes_buf(bytes.data(), bytes.size());
    const auto id = MasterKeyId(bytes);
    bool clash = false;
    for (auto other : avoid) clash = clash || other == id;
    if (!clash) return bytes;
  }
}

std::string EncodeMasterKey(std::string_view key_bytes) {
  std::string out(sodium_base64_encoded_len(key_bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(key_bytes.data()), key_bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

Status WriteMasterKeyFile(const std::string& path, std::string_view key_bytes) {
  const std::string temp = path + ".tmp";
  ::unlink(temp.c_str());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(Error::Internal("cannot create " + temp + ": " + std::strerror(errno)));
  const std::string text = EncodeMasterKey(key_bytes) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return Fail(Error::Internal("cannot write " + path + ": " + std::strerror(errno)));
  }
  return {};
}

SecretBox KeyRing::MakeBox(const std::vector<std::string>& keys) {
  std::vector<SecretKey> rest;
  auto current = MakeSecretKey(keys.at(0));
  for (std::size_t i = 1; i < keys.size(); ++i) {
    auto key = MakeSecretKey(keys[i]);
    bool taken = key.id == current.id;
    for (const auto& other : rest) taken = taken || other.id == key.id;
    if (!taken) rest.push_back(std::move(key));
  }
  return SecretBox(std::move(current), std::move(rest));
}

KeyRing::KeyRing(const std::vector<std::string>& keys) : box_(MakeBox(keys)) {
  for (const auto& bytes : keys) {
    if (MasterKeyId(bytes) != 1) legacy_.emplace_back(SecretKey{1, bytes});
  }
}

std::string KeyRing::Seal(std::string_view plaintext, std::string_view associated) const {
  return box_.Seal(plaintext, associated);
}

Result<std::string> KeyRing::Open(std::string_view sealed, std::string_view associated) const {
  auto opened = box_.Open(sealed, associated);
  if (opened) return opened;
  for (const auto& legacy : legacy_) {
    if (auto again = legacy.Open(sealed, associated)) return again;
  }
  return opened;
}

std::unique_ptr<SecretBoxVault> SecretBoxVault::SealedVault() {
  return std::unique_ptr<SecretBoxVault>(new SecretBoxVault());
}

Result<std::string> SecretBoxVault::Seal(std::string_view plaintext, std::string_view row_id) const {
  if (!box_) return Fail(domain::VaultSealedError());
  return box_->Seal(plaintext, row_id);
}

Result<std::string> SecretBoxVault::Open(std::string_view sealed, std::string_view row_id) const {
  if (!box_) return Fail(domain::VaultSealedError());
  return box_->Open(sealed, row_id);
}

}  // namespace portal::security
