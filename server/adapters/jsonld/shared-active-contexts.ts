import jsonldContextApi from 'jsonld/lib/context.js';

/**
 * Copy-on-write active contexts for jsonld.
 *
 * jsonld clones the whole active context (every term definition, deeply, and its previous-context chain)
 * each time it enters a type-scoped context and each time it reverts from one. Open Badges 3.0 and VC v2
 * contexts are large and scoped per type, so those clones were two thirds of a Data Integrity
 * verification (profiled: `util.clone` 32 % self time, garbage collection of the copies 23 %).
 *
 * jsonld never mutates an active context after processing it: `process` clones before defining terms,
 * term definitions are fresh objects, and the processed-context cache already hands one context object
 * to many callers. So a child can share its parent's term definitions (a new Map over the same entries)
 * and its previous context, and reverting can return the previous context itself, which also lets
 * jsonld's processed-context cache (keyed by context identity) hit again. The output is unchanged:
 * `tests/unit/credentials/shared-active-contexts.test.ts` compares canonical N-Quads with and without this on every
 * fixture and generated credential.
 *
 * jsonld caches one initial context per processing mode and every active context descends from it by
 * `clone`, copying the methods along; replacing the methods on the cached initial contexts therefore
 * covers every context jsonld builds.
 */

interface ActiveContext {
  mappings: Map<string, unknown>;
  protected: Record<string, unknown>;
  previousContext?: ActiveContext;
  inverse: unknown;
  getInverse: unknown;
  clone(this: ActiveContext): ActiveContext;
  revertToPreviousContext(this: ActiveContext): ActiveContext;
  '@base'?: unknown;
  '@language'?: unknown;
  '@vocab'?: unknown;
}

let enabled = false;
let originals: Pick<ActiveContext, 'clone' | 'revertToPreviousContext'> | undefined;

function cloneSharingDefinitions(this: ActiveContext): ActiveContext {
  if (!enabled) return originals!.clone.call(this);
  const child: ActiveContext = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
    revertToPreviousContext: this.revertToPreviousContext,
  };
  if (this.previousContext) child.previousContext = this.previousContext;
  // the same optional keys, and no others, as jsonld's own clone copies
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

function revertWithoutCopy(this: ActiveContext): ActiveContext {
  if (!enabled) return originals!.revertToPreviousContext.call(this);
  return this.previousContext ?? this;
}

/** Processing modes jsonld creates initial contexts for: the default (unset) and the explicit ones. */
const PROCESSING_MODES = [undefined, 'json-ld-1.1', 'json-ld-1.0'] as const;

const ORIGINALS = Symbol.for('skillgraph.jsonld.originalActiveContextMethods');

function install() {
  for (const processingMode of PROCESSING_MODES) {
    const initial = jsonldContextApi.getInitialContext({ processingMode }) as ActiveContext & {
      [ORIGINALS]?: typeof originals;
    };
    // a reloaded copy of this module (dev server hot reload) must find jsonld's methods, not ours
    initial[ORIGINALS] ??= { clone: initial.clone, revertToPreviousContext: initial.revertToPreviousContext };
    originals ??= initial[ORIGINALS];
    initial.clone = cloneSharingDefinitions;
    initial.revertToPreviousContext = revertWithoutCopy;
  }
}

/**
 * Turns context sharing on (the default once this module is loaded) or off (baselines and the
 * equivalence test). Applies to contexts processed after the call.
 */
export function useSharedActiveContexts(on: boolean): void {
  if (!originals) install();
  enabled = on;
}

useSharedActiveContexts(true);
