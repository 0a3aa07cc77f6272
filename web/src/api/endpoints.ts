// One function per API endpoint the web app reads.
import { getJson, type Query } from './client'
import type {
  CheckReport,
  Grid,
  GridDetail,
  GridTree,
  LinkChain,
  Page,
  Person,
  Place,
  PlaceDetail,
} from './types'

type S = AbortSignal | undefined

export const api = {
  health: (signal?: S) => getJson<{ status: string }>('/health', undefined, signal),
  gridTree: (q?: { community_id?: number; depth?: number }, signal?: S) =>
    getJson<GridTree>('/grids/tree', q, signal),
  grids: (q: { community_id?: number; kind?: string; parent_id?: number }, signal?: S) =>
    getJson<Page<Grid>>('/grids', q, signal),
  grid: (id: number, signal?: S) => getJson<GridDetail>(`/grids/${id}`, undefined, signal),
  places: (q: Query, signal?: S) => getJson<Page<Place>>('/places', q, signal),
  place: (id: number, signal?: S) => getJson<PlaceDetail>(`/places/${id}`, undefined, signal),
  persons: (q: Query, signal?: S) => getJson<Page<Person>>('/persons', q, signal),
  householdLinks: (id: number, signal?: S) =>
    getJson<LinkChain>(`/households/${id}/links`, undefined, signal),
  check: (signal?: S) => getJson<CheckReport>('/check', undefined, signal),
}
