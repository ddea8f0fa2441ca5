import { http, query } from './http'
import type { Page } from './enterprise'

/** GB/T 38565-2020's top levels of the supplies catalogue. */
export type SupplyCategory = 'LIVING' | 'EQUIPMENT' | 'ENGINEERING'

/** One kind of supply of the catalogue (应急物资目录); a kit (成套配备) lists what it is made of. */
export interface SupplyType {
  id: number
  code: string
  name: string
  unit: string
  category: SupplyCategory
  /** counted in whole units (顶, 件): quantities must be whole numbers */
  wholeUnits: boolean
  shelfLifeDays: number | null
  /** days before expiry a batch counts as nearing expiry (临近过期, due for rotation) */
  expiryLeadDays: number
  kit: boolean
  items: { supplyTypeId: number; name: string; unit: string; quantity: number }[]
}

export type WarehouseLevel = 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE'
export type Ownership = 'GOVERNMENT' | 'AGREEMENT' | 'CAPACITY'

/** A warehouse or reserve point (储备库/点) at one of the four levels. */
export interface Warehouse {
  id: number
  name: string
  level: WarehouseLevel
  regionCode: string
  regionName: string
  ownership: Ownership
  enterpriseId: number | null
  enterpriseName: string | null
  address: string | null
  longitude: number | null
  latitude: number | null
  capacityM2: number | null
  keeper: string
  keeperPhone: string
  version: number
  createdAt: string
}

/** What registering or changing a warehouse sends (version: the one the change was made on). */
export interface WarehouseDraft {
  name: string
  level: string
  regionCode?: string
  ownership: string
  enterpriseId?: number
  address?: string
  longitude?: number
  latitude?: number
  capacityM2?: number
  keeper: string
  keeperPhone: string
  version?: number
}

export type BatchState = 'USABLE' | 'NEARING_EXPIRY' | 'EXPIRED'

export interface StockBatch {
  id: number
  supplyTypeId: number
  supplyCode: string
  supplyName: string
  unit: string
  batchNo: string
  producedOn: string | null
  expiresOn: string | null
  quantity: number
  state: BatchState
}

export interface TypeTotal {
  supplyTypeId: number
  supplyName: string
  unit: string
  usable: number
  nearingExpiry: number
  expired: number
}

export interface Stock {
  warehouseId: number
  batches: StockBatch[]
  totals: TypeTotal[]
}

export type MovementKind = 'RECEIPT' | 'ISSUE' | 'TRANSFER_OUT' | 'TRANSFER_IN' | 'TRANSFER_RETURN' | 'STOCKTAKE' | 'WRITE_OFF'

/** One movement of the ledger: its signed quantity and the batch's balance after it. */
export interface Movement {
  id: number
  warehouseId: number
  batchId: number
  batchNo: string
  supplyTypeId: number
  supplyName: string
  unit: string
  kind: MovementKind
  quantity: number
  balanceAfter: number
  reason: string | null
  destination: string | null
  transferId: number | null
  note: string | null
  at: string
  by: string
}

export interface TransferLine {
  batchId: number
  supplyTypeId: number
  batchNo: string
  producedOn: string | null
  expiresOn: string | null
  quantity: number
}

export interface Transfer {
  id: number
  fromWarehouseId: number
  fromWarehouseName: string
  toWarehouseId: number
  toWarehouseName: string
  state: 'IN_TRANSIT' | 'RECEIVED' | 'CANCELLED' | string
  note: string | null
  sentAt: string
  sentBy: string
  closedAt: string | null
  closedBy: string | null
  lines: TransferLine[]
}

export interface Receipt {
  supplyTypeId?: number
  batchNo: string
  producedOn?: string
  expiresOn?: string
  quantity?: number
  /** PURCHASE 采购, DONATION 捐赠, TRANSFER 外部调入 */
  source: string
  note?: string
}

export interface Issue {
  supplyTypeId?: number
  quantity?: number
  batchId?: number
  destination: string
  note?: string
}

export interface WriteOff {
  batchId?: number
  quantity?: number
  /** EXPIRED 过期, DAMAGED 损坏, LOST 丢失 */
  reason: string
  note?: string
}

export interface Stocktake {
  lines: { batchId: number; counted?: number; note?: string }[]
  note?: string
}

export interface TransferOrder {
  fromWarehouseId: number
  toWarehouseId?: number
  supplyTypeId?: number
  quantity?: number
  batchId?: number
  note?: string
}

export interface Booked {
  warehouseId: number
  lines: { batchId: number; batchNo: string; quantity: number; balanceAfter: number }[]
}

export interface StocktakeLine {
  batchId: number
  batchNo: string
  book: number
  counted: number
  difference: number
}

export interface WarehouseFilter {
  regionCode?: string
  level?: string
  ownership?: string
  q?: string
}

export const getSupplyTypesApi = () => http.get<SupplyType[]>('/api/resources/supply-types')
export const getWarehousesApi = (filter: WarehouseFilter, page = 0, size = 20) =>
  http.get<Page<Warehouse>>(`/api/resources/warehouses${query({ ...filter, page, size })}`)
export const getWarehouseApi = (id: number) => http.get<Warehouse>(`/api/resources/warehouses/${id}`)
export const registerWarehouseApi = (draft: WarehouseDraft) => http.post<Warehouse>('/api/resources/warehouses', draft)
export const changeWarehouseApi = (id: number, draft: WarehouseDraft) => http.put<Warehouse>(`/api/resources/warehouses/${id}`, draft)
export const getStockApi = (id: number) => http.get<Stock>(`/api/resources/warehouses/${id}/stock`)
export const getMovementsApi = (id: number, page = 0, size = 20) =>
  http.get<Page<Movement>>(`/api/resources/warehouses/${id}/movements${query({ page, size })}`)
export const receiveApi = (id: number, receipt: Receipt) => http.post<Booked>(`/api/resources/warehouses/${id}/receipts`, receipt)
export const issueApi = (id: number, issue: Issue) => http.post<Booked>(`/api/resources/warehouses/${id}/issues`, issue)
export const writeOffApi = (id: number, writeOff: WriteOff) => http.post<Booked>(`/api/resources/warehouses/${id}/write-offs`, writeOff)
export const stocktakeApi = (id: number, stocktake: Stocktake) => http.post<StocktakeLine[]>(`/api/resources/warehouses/${id}/stocktakes`, stocktake)
export const getTransfersApi = (id: number) => http.get<Transfer[]>(`/api/resources/warehouses/${id}/transfers`)
export const sendTransferApi = (order: TransferOrder) => http.post<Transfer>('/api/resources/transfers', order)
export const receiveTransferApi = (id: number) => http.post<Transfer>(`/api/resources/transfers/${id}/receive`)
export const cancelTransferApi = (id: number) => http.post<Transfer>(`/api/resources/transfers/${id}/cancel`)
