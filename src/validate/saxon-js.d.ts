/** The part of SaxonJS 2 (saxon-js, which ships no types) that the tests import directly (src/ loads it through src/util/saxon.ts). */
declare module 'saxon-js' {
  interface XPathOptions {
    params?: Record<string, unknown>;
    resultForm?: 'default' | 'array' | 'iterator' | 'xdm';
  }
  const SaxonJS: {
    XPath: {
      evaluate(expression: string, contextItem?: unknown, options?: XPathOptions): unknown;
    };
    transform(options: {
      stylesheetInternal?: unknown;
      stylesheetText?: string;
      sourceNode?: unknown;
      initialTemplate?: string;
      stylesheetParams?: Record<string, unknown>;
      destination?: 'raw' | 'serialized' | 'document';
    }): { principalResult: unknown };
    getProcessorInfo(): { productVersion: string; productName: string };
  };
  export default SaxonJS;
}
