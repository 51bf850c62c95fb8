export * from './types'
export * from './fiscal-year'
export * from './dx-role'
export * from './requirements'
