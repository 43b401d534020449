// What derivations need to know from rules/reference, as one interface so derivations stay pure
// functions over plain data (tests can pass a small table; analyze passes the bundled one).
export interface CreateApiInfo {
  api: string;
  handleType: string;
  /** FX_TYPE name stored in m_Type by objects this API creates. */
  fxType: string;
  deleteApi: string;
  defaultParent: string;
}

export interface Knowledge {
  createApi(name: string): CreateApiInfo | undefined;
  /** KMDF driver tag of a service/driver name (DriverPoolTag not set). */
  driverTag(serviceName: string): string;
  /** 32-bit little-endian value of a 4-character tag (`amda` → 0x61646d61). */
  tagValue(tag: string): number;
  tagFromValue(value: number): string;
  /** Bundled description of a tag that matters to WDF triage (`IoWI`, `FxDr` …). */
  poolTag(tag: string): { description: string; binary?: string; role?: string } | undefined;
  /** Bytes between a small pool block's address as `!poolfind` prints it and the FxObject (x64 retail: 0x10). */
  fxObjectOffset(arch: 'x64' | 'x86' | 'arm64'): number;
}
