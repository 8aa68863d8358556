#pragma once
// /api/v1/users (API.md "Users"; R-U1..R-U3) and GET /api/v1/me/api-key (R-C2).

#include <functional>
#include <string>

#include "domain/auth_service.hpp"
#include "domain/user_service.hpp"
#include "http/router.hpp"

namespace portal::http {

struct RevealedKey {
  domain::ApiKeyBrief key;  // the key the value belongs to, as it is now
  std::string value;
};
// The caller's own key with its full value (audited by the implementation); kNotFound when the
// caller holds none. Provided by the API-key side (the vault).
using RevealOwnKeyFn = std::function<Result<RevealedKey>(const domain::Actor& actor)>;

void AddUserRoutes(Router& router, domain::AuthService& auth, domain::UserService& users,
                   RevealOwnKeyFn reveal_own_key);

}  // namespace portal::http
