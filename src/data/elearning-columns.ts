// The columns the DX division picked in the e-learning platform's export (person, course, completion
// date), remembered on this device for next time: the platform writes the same headers every year.
// In localStorage, like kiosk.ts: a setting of the device, not the user's data, and never pushed.
import type { ElearningColumns } from '@/domain/elearning-import'

const KEY = 'dxp.elearning-import.columns'

export function readElearningColumns(): ElearningColumns | null {
  try {
    const raw = localStorage.getItem(KEY)
    if (!raw) return null
    const value = JSON.parse(raw) as Partial<ElearningColumns>
    const texts = [value.person, value.course, value.completedOn]
    if (!texts.every((t) => typeof t === 'string' && t !== '')) return null
    if (value.personKey !== 'email' && value.personKey !== 'employee_number') return null
    return value as ElearningColumns
  } catch {
    return null
  }
}

export function saveElearningColumns(columns: ElearningColumns): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(columns))
  } catch {
    // Private browsing or a full quota: the columns are simply picked again next time.
  }
}
