export * from './types'
export * from './fiscal-year'
