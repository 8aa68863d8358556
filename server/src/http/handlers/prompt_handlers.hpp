#pragma once
// The prompt library API (API.md "Prompts"): list/search, CRUD, versions, restore, render.

#include "domain/auth_service.hpp"
#include "domain/repositories.hpp"
#include "http/router.hpp"

namespace portal::http {

// Registers /api/v1/prompts… The routes own their PromptService (over `store`, on the system
// clock); `auth` and `store` must outlive the router.
void AddPromptRoutes(Router& router, domain::AuthService& auth, domain::Store& store);

}  // namespace portal::http
