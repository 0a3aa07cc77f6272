// Shapes of the JSON that /api/v1 returns (see GET /api/v1/openapi.json).
// Only the fields the web app reads are declared.

export type GridKind = 'general_grid' | 'grid' | 'micro_grid' | 'exclusive_grid'
export type PlaceKind =
  | 'subdistrict'
  | 'community'
  | 'compound'
  | 'building'
  | 'unit'
  | 'household'
  | 'office_tower'
  | 'mall'
  | 'shop_street'
export type PersonKind = 'resident' | 'tenant' | 'staff' | 'volunteer'
export type GridRole =
  | 'grid_worker'
  | 'micro_grid_head'
  | 'micro_grid_worker'
  | 'property_staff'
  | 'police'
  | 'volunteer'

export interface Counts {
  households: number
  persons: number
  staff: number
  party_volunteers: number
  places: number
}

/** GeoJSON Polygon: rings of [lng, lat]; the first ring is the outer one. */
export interface Polygon {
  type: 'Polygon'
  coordinates: number[][][]
}

export interface TreePlaceNode {
  type: 'place'
  kind: 'subdistrict' | 'community'
  id: number
  name: string
  code?: string
  counts: Counts
  children: TreeNode[]
}

export interface TreeGridNode {
  type: 'grid'
  kind: GridKind
  kind_zh: string
  id: number
  code: string
  name: string
  counts: Counts
  child_count: number
  children: TreeGridNode[]
}

export type TreeNode = TreePlaceNode | TreeGridNode

export interface GridTree {
  roots: TreePlaceNode[]
}

export interface Grid {
  id: number
  kind: GridKind
  kind_zh: string
  code: string
  name: string
  parent_id: number | null
  community_id: number
  boundary?: Polygon | null
}

export interface Place {
  id: number
  kind: PlaceKind
  kind_zh: string
  name: string
  code: string
  parent_id: number | null
  community_id: number | null
  grid_id: number | null
  location: { lng: number; lat: number } | null
  outline: Polygon | null
}

export interface Page<T> {
  items: T[]
  total: number
  limit?: number
  offset?: number
}

export interface Person {
  id: number
  kind: PersonKind
  name: string
  phone: string
  id_number: string
  address: string
  masked: boolean
  gender: string
  birth_year: number | null
  party_member: boolean
  household_id: number | null
  relation: string
  organisation_id: number | null
}

export interface RosterEntry extends Person {
  assignment_id: number
}

export interface GridDetail extends Grid {
  counts: Counts
  children: (Grid & { counts: Counts })[]
  places: Page<Place>
  roster: Partial<Record<GridRole, RosterEntry[]>>
  subtree_grid_count: number
}

export interface PlaceDetail extends Place {
  ancestors: { id: number; kind: PlaceKind; name: string }[]
  grid: Grid | null
  child_count: number
}

export interface Organisation {
  id: number
  kind: string
  name: string
  community_id: number | null
  place_id: number | null
}

export interface LinkStep {
  tier: number
  person: Person | null
  organisation: Organisation | null
}

export interface LinkChain {
  household_id: number
  chain: LinkStep[]
  linked: boolean
}

export interface Violation {
  rule: string
  rule_zh: string
  severity: 'error' | 'warning'
  message: string
  grid_ids: number[]
  grid_codes: string[]
  place_id?: number
  place_name?: string
}

export interface CheckReport {
  errors: number
  warnings: number
  violations: Violation[]
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown }
}
