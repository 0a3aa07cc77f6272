#pragma once
// Export of places, grids and assignments as CSV or GeoJSON, in exactly the
// format import_map reads (src/io/README.md).

#include <optional>
#include <ostream>

#include "crypto/vault.h"
#include "domain/map.h"
#include "domain/status.h"
#include "io/format.h"
#include "store/db.h"

namespace weige::io {

// Writes `dataset` to `out`, parents before children so the file imports in
// one pass. With `community_id`, only that community: its places (and the
// subdistrict it lies in), its grids, and assignments in its grids.
//
// Places without a code are written with the code "id-<id>" so that their
// children can name them. Phones are unsealed with `vault` for assignments.
// Fails with kInvalid for CSV kMap and GeoJSON kAssignments, kNotFound for an
// unknown community, kInternal for a database or stream failure.
Status export_map(store::Db& db, const crypto::Vault& vault, std::ostream& out, Format format,
                  Dataset dataset, std::optional<Id> community_id = std::nullopt);

}  // namespace weige::io
