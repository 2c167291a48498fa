/**
 * The live object as YAML, and an edit mode: validate, diff against the live object, server-side
 * dry run, and apply with the resourceVersion the edit was based on. A 409 keeps the edited text
 * and offers to reload (discarding it) or to rebase it onto the latest version.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toStatus, type StatusBody } from '../../api/apiError.ts';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { isSecret, parseEdited, rebaseEdit, toEditableYaml, type KubeObjectLike, type Parsed } from './editableYaml.ts';
import { YamlDiff } from './YamlDiff.tsx';
import { objectApiPath, type YamlTarget } from './objectPath.ts';
import { yamlApi } from './yamlApi.ts';
import './yaml.css';

type Verdict = { tone: 'ok' | 'bad'; text: string };

export function YamlSection({ target, liveVersion }: { target: YamlTarget; liveVersion?: string }) {
  const t = useT();
  const path = useMemo(() => objectApiPath(target.kind, target.namespace, target.name), [target.kind, target.namespace, target.name]);
  /** The object as loaded: the base of the edit and the version every write is checked against. */
  const [live, setLive] = useState<KubeObjectLike>();
  const liveYaml = useMemo(() => (live ? toEditableYaml(live) : ''), [live]);
  const [text, setText] = useState<string>();
  const [error, setError] = useState<StatusBody>();
  const [verdict, setVerdict] = useState<Verdict>();
  const [showDiff, setShowDiff] = useState(false);
  const [busy, setBusy] = useState(false);
  const editing = text !== undefined;
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const expected = useMemo(() => ({ kind: live?.kind, name: target.name, namespace: target.namespace }), [live?.kind, target.name, target.namespace]);

  const load = useCallback(async () => {
    const latest = await yamlApi.get(target.context, path);
    setLive(latest);
    return latest;
  }, [target.context, path]);

  // The view follows the live object; an edit in progress keeps the version it started from.
  useEffect(() => {
    if (editingRef.current) return;
    load().catch((err: unknown) => setError(toStatus(err)));
  }, [load, liveVersion]);

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setVerdict(undefined);
    try {
      await step();
    } catch (err) {
      setError(toStatus(err));
    } finally {
      setBusy(false);
    }
  };

  const problemText = (p: Extract<Parsed, { ok: false }>) =>
    p.line !== undefined ? t('yaml.problemAt', { line: p.line, column: p.column ?? 1, message: p.message }) : t('yaml.problem', { message: p.message });

  /** The edited object, or undefined with the problem shown. */
  const parsed = (): KubeObjectLike | undefined => {
    const p = parseEdited(text ?? '', expected);
    if (p.ok) return p.object;
    setVerdict({ tone: 'bad', text: problemText(p) });
    return undefined;
  };

  const withLoadedVersion = (obj: KubeObjectLike): KubeObjectLike => ({ ...obj, metadata: { ...obj.metadata, resourceVersion: live?.metadata?.resourceVersion } });

  const cancel = () => {
    setText(undefined);
    setError(undefined);
    setVerdict(undefined);
  };

  const validate = () => {
    setError(undefined);
    setVerdict(undefined);
    if (parsed()) setVerdict({ tone: 'ok', text: t('yaml.valid') });
  };

  const dryRun = () => {
    const obj = parsed();
    if (!obj) return;
    void run(async () => {
      await yamlApi.replace(target.context, path, withLoadedVersion(obj), true);
      setVerdict({ tone: 'ok', text: t('yaml.dryRunOk') });
    });
  };

  const applied = (result: KubeObjectLike) => {
    setLive(result);
    setText(undefined);
    setShowDiff(false);
    setVerdict({ tone: 'ok', text: t('yaml.applied', { version: result.metadata?.resourceVersion ?? '' }) });
  };

  const apply = () => {
    const obj = parsed();
    if (!obj) return;
    void run(async () => applied(await yamlApi.replace(target.context, path, withLoadedVersion(obj), false)));
  };

  const reloadLive = () =>
    void run(async () => {
      const latest = await load();
      setText(toEditableYaml(latest));
    });

  const rebase = () => {
    const obj = parsed();
    if (!obj || !live) return;
    void run(async () => {
      const latest = await load();
      const rebased = rebaseEdit(live, obj, latest);
      // The text shows what is sent, so a second conflict still leaves the rebased edit in place.
      setText(toEditableYaml(rebased));
      applied(await yamlApi.replace(target.context, path, rebased, false));
    });
  };

  return (
    <div className="yaml" data-testid="yaml" data-editing={editing} data-resource-version={live?.metadata?.resourceVersion}>
      <div className="yaml__bar">
        {live && isSecret(live) ? (
          // Its values are masked here: writing the masks back would replace them.
          <span className="muted" data-testid="yaml-read-only">
            {t('yaml.secretReadOnly', { name: target.name, namespace: target.namespace ?? '' })}
          </span>
        ) : !editing ? (
          <button type="button" className="button" disabled={!live} data-testid="yaml-edit" onClick={() => setText(liveYaml)}>
            {t('yaml.edit')}
          </button>
        ) : (
          <>
            <button type="button" className="button" disabled={busy} data-testid="yaml-validate" onClick={validate}>
              {t('yaml.validate')}
            </button>
            <button type="button" className="button" aria-pressed={showDiff} data-testid="yaml-diff" onClick={() => setShowDiff(!showDiff)}>
              {showDiff ? t('yaml.hideDiff') : t('yaml.diff')}
            </button>
            <button type="button" className="button" disabled={busy} data-testid="yaml-dry-run" onClick={dryRun}>
              {t('yaml.dryRun')}
            </button>
            <button type="button" className="button" disabled={busy} data-testid="yaml-apply" onClick={apply}>
              {t('yaml.apply')}
            </button>
            <button type="button" className="button" disabled={busy} data-testid="yaml-cancel" onClick={cancel}>
              {t('yaml.cancel')}
            </button>
          </>
        )}
        {live && <span className="muted">{t('yaml.basedOn', { version: live.metadata?.resourceVersion ?? '' })}</span>}
      </div>
      {verdict && (
        <p className={`yaml__verdict tone tone--${verdict.tone}`} role={verdict.tone === 'bad' ? 'alert' : 'status'} data-testid="yaml-verdict" data-tone={verdict.tone}>
          {verdict.text}
        </p>
      )}
      {error && (
        <div className="action-error" data-testid="yaml-error" data-code={error.code}>
          {error.code === 409 && editing && <p>{t('yaml.conflict')}</p>}
          <StatusMessage status={error} context={target.context} />
          {error.code === 409 && editing && (
            <div className="yaml__bar">
              <button type="button" className="button" disabled={busy} data-testid="yaml-reload" onClick={reloadLive}>
                {t('yaml.reload')}
              </button>
              <button type="button" className="button" disabled={busy} data-testid="yaml-rebase" onClick={rebase}>
                {t('yaml.rebase')}
              </button>
            </div>
          )}
        </div>
      )}
      {editing && showDiff && <YamlDiff live={liveYaml} edited={text} />}
      {editing ? (
        <textarea
          className="yaml__text"
          aria-label={t('yaml.editor')}
          data-testid="yaml-text"
          spellCheck={false}
          rows={Math.min(40, Math.max(12, text.split('\n').length + 1))}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      ) : (
        live && (
          <pre className="yaml__view" data-testid="yaml-view">
            {liveYaml}
          </pre>
        )
      )}
    </div>
  );
}
