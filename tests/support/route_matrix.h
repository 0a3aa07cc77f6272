#pragma once
// Helpers for tests generated over the server's declared route table
// (security_test's permission matrix, scope_matrix_test's scope matrix).

#include <map>
#include <string>
#include <vector>

#include "domain/permissions.h"
#include "http/router.h"
#include "support/http_client.h"

namespace weige::testing {

class TestServer;
using Headers = std::map<std::string, std::string>;

// An id that names nothing of any kind.
inline constexpr Id kNoSuchId = 999999;

// Every role an account can hold: all of kAllRoles but the server's own.
std::vector<Role> account_roles();

// Headers for a request that carries no credentials at all.
Headers anonymous();

// `pattern` with its path parameter filled in: {id} with `id`, {token} with a
// token that names no case, {day} with a fixed date.
std::string fill_path(std::string pattern, Id id);

// Whether the permission guard refused the request before any handler ran:
// 403 naming the missing permission, or 401 for a request without credentials.
bool refused_by_guard(const Reply& r);

// The server's route with this operation id, or null.
const http::Route* route_of(const TestServer& server, const std::string& operation_id);

// A body with every mention of `id` written as {id}: a refusal for an id out
// of scope reads like one for kNoSuchId when the two come out equal.
std::string without_id(const std::string& body, Id id);

}  // namespace weige::testing
