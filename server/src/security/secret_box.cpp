#include "security/secret_box.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "security/sodium.hpp"
#include "security/tokens.hpp"

namespace portal::security {
namespace {

constexpr std::size_t kHeaderBytes = 2;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kNonceBytes == 24);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == kMasterKeyBytes);

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::unexpected<Error> CannotDecrypt(std::string reason) {
  return Fail(Error{ErrorCode::kInternal, "secret cannot be decrypted", std::move(reason)});
}

std::unexpected<Error> KeyFileError(const std::filesystem::path& path, std::string what, int err = 0) {
  Error error{ErrorCode::kInternal, "master key file " + path.string() + ": " + std::move(what)};
  if (err != 0) {
    error.detail = std::strerror(err);
    error.message += " (" + error.detail + ")";
  }
  return Fail(std::move(error));
}

// Closes a file descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Result<std::string> ReadKeyFile(const std::filesystem::path& path, int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    return KeyFileError(path, "cannot stat", errno);
  }
  if (!S_ISREG(info.st_mode)) {
    return KeyFileError(path, "is not a regular file");
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return KeyFileError(
        path, std::string("is accessible by group or others (mode ") + mode + "); run: chmod 600 " + path.string());
  }
  std::string text;
  std::array<char, 256> buffer{};
  while (true) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return KeyFileError(path, "cannot read", errno);
    }
    if (n == 0) {
      break;
    }
    text.append(buffer.data(), static_cast<std::size_t>(n));
    if (text.size() > 1024) {
      return KeyFileError(path, "must hold one 32-byte key as base64url (the file is too long)");
    }
  }
  sodium_memzero(buffer.data(), buffer.size());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
    text.pop_back();
  }
  auto key = DecodeMasterKey(text);
  sodium_memzero(text.data(), text.size());
  if (!key) {
    return KeyFileError(path, "must hold one 32-byte key as base64url (" + key.error().detail + ")");
  }
  return key;
}

// 0 on success, else the errno of the failed write.
int WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

}  // namespace

SecretBox::SecretBox(SecretKey current, std::vector<SecretKey> previous) {
  EnsureSodium();
  keys_.reserve(previous.size() + 1);
  keys_.push_back(std::move(current));
  for (auto& key : previous) {
    keys_.push_back(std::move(key));
  }
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i].bytes.size() != kMasterKeyBytes) {
      throw std::invalid_argument("a secret box key must be 32 bytes");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (keys_[j].id == keys_[i].id) {
        throw std::invalid_argument("secret box key ids must be unique");
      }
    }
  }
}

SecretBox::~SecretBox() {
  for (auto& key : keys_) {
    sodium_memzero(key.bytes.data(), key.bytes.size());
  }
}

std::string SecretBox::Seal(std::string_view plaintext, std::string_view associated) const {
  const SecretKey& key = keys_.front();
  std::string sealed(kHeaderBytes + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  sealed[0] = static_cast<char>(kFormatVersion);
  sealed[1] = static_cast<char>(key.id);
  unsigned char* nonce = Bytes(sealed) + kHeaderBytes;
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long cipher_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &cipher_len, Bytes(plaintext), plaintext.size(),
                                             Bytes(associated), associated.size(), nullptr, nonce, Bytes(key.bytes));
  sealed.resize(kHeaderBytes + kNonceBytes + cipher_len);
  return Base64UrlEncode(sealed);
}

Result<std::string> SecretBox::Open(std::string_view sealed_text, std::string_view associated) const {
  auto sealed = Base64UrlDecode(sealed_text);
  if (!sealed) {
    return CannotDecrypt("not base64url");
  }
  if (sealed->size() < kHeaderBytes + kNonceBytes + kTagBytes) {
    return CannotDecrypt("too short");
  }
  const auto version = static_cast<std::uint8_t>((*sealed)[0]);
  const auto key_id = static_cast<std::uint8_t>((*sealed)[1]);
  if (version != kFormatVersion) {
    return CannotDecrypt("unknown format version " + std::to_string(version));
  }
  const auto key = std::find_if(keys_.begin(), keys_.end(), [&](const SecretKey& k) { return k.id == key_id; });
  if (key == keys_.end()) {
    return CannotDecrypt("unknown key id " + std::to_string(key_id));
  }
  const unsigned char* nonce = Bytes(*sealed) + kHeaderBytes;
  const unsigned char* cipher = nonce + kNonceBytes;
  const std::size_t cipher_len = sealed->size() - kHeaderBytes - kNonceBytes;
  std::string plaintext(cipher_len - kTagBytes, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(Bytes(plaintext), &plain_len, nullptr, cipher, cipher_len,
                                                 Bytes(associated), associated.size(), nonce, Bytes(key->bytes)) != 0) {
    return CannotDecrypt("authentication failed (wrong key, wrong row or tampered)");
  }
  plaintext.resize(plain_len);
  return plaintext;
}

Result<std::string> DecodeMasterKey(std::string_view base64url) {
  auto key = Base64UrlDecode(base64url);
  if (!key) {
    return Fail(Error::InvalidArgument("the master key must be base64url").WithDetail("not base64url"));
  }
  if (key->size() != kMasterKeyBytes) {
    const std::size_t size = key->size();
    sodium_memzero(key->data(), key->size());
    return Fail(Error::InvalidArgument("the master key must be 32 bytes")
                    .WithDetail("decodes to " + std::to_string(size) + " bytes, not 32"));
  }
  return key;
}

Result<std::string> LoadOrCreateMasterKey(const std::filesystem::path& path) {
  EnsureSodium();
  // Two attempts: if another process creates the file between our open() calls, read theirs.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const FileDescriptor existing(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (existing.get() >= 0) {
      return ReadKeyFile(path, existing.get());
    }
    if (errno != ENOENT) {
      return KeyFileError(path, "cannot open", errno);
    }

    const FileDescriptor created(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (created.get() < 0) {
      if (errno == EEXIST) {
        continue;
      }
      return KeyFileError(path, "cannot create", errno);
    }
    std::string key(kMasterKeyBytes, '\0');
    randombytes_buf(key.data(), key.size());
    std::string text = Base64UrlEncode(key) + "\n";
    int err = WriteAll(created.get(), text);
    sodium_memzero(text.data(), text.size());
    if (err == 0 && ::fsync(created.get()) != 0) {
      err = errno;
    }
    if (err != 0) {
      sodium_memzero(key.data(), key.size());
      ::unlink(path.c_str());
      return KeyFileError(path, "cannot write the new key", err);
    }
    return key;
  }
  return KeyFileError(path, "appeared and vanished while being created; try again");
}

}  // namespace portal::security
