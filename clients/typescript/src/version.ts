/** The SDK's version, the same as the Python package's of this release (set when the package is built). */
export const SDK_VERSION: string = "@SDK_VERSION@";
