#pragma once
// The first run (R-A5, API.md "Setup and session"): while no user exists, one request creates the
// SuperAdmin and logs them in. With an Anthropic admin key, the key is verified with Anthropic
// before anything is created (a rejected key leaves the setup to be done again), stored once the
// SuperAdmin exists, and the first sync starts.
//
// Blocking (database, password hashing, one Anthropic call); thread-safe.

#include <optional>
#include <string>

#include "core/error.hpp"
#include "domain/anthropic_connection.hpp"
#include "domain/auth_service.hpp"
#include "domain/sync_service.hpp"

namespace portal::domain {

struct SetupState {
  bool needed = false;                // no user exists yet
  bool anthropic_configured = false;  // an admin key is stored
};

struct SetupInput {
  std::string name;
  std::string email;
  std::string password;
  std::optional<std::string> anthropic_admin_key;  // empty or absent: connect later
  std::string client;                              // "web" | "cli"
  std::string request_id;
};

class SetupService {
 public:
  SetupService(AuthService& auth, AnthropicConnection& anthropic, SyncService& sync)
      : auth_(auth), anthropic_(anthropic), sync_(sync) {}

  Result<SetupState> State();
  // kConflict once any user exists (even when called concurrently); an invalid admin key is the
  // connection's error (nothing created).
  Result<TokenPair> Run(const SetupInput& input);

 private:
  AuthService& auth_;
  AnthropicConnection& anthropic_;
  SyncService& sync_;
};

}  // namespace portal::domain
