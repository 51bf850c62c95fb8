import type { Browser } from 'playwright-core'

export declare const chromiumArgs: string[]
export declare function findChromium(): Promise<string>
export declare function launchChromium(extraArgs?: readonly string[]): Promise<Browser>
