/**
 * Knowledge base: search (accent- and case-insensitive on the server), read
 * an article, apply its fix to the selected ticket. Searches and reads are
 * also sent as commands so they are part of the session log.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbArticle } from '../../../server/src/domain/scenario.js';
import { foldText } from '../../../server/src/domain/kb-search.js';
import { catalog as catalogApi, type KbHit } from '../api/rest.js';
import { useDesk, usePanelState, useSelection } from './DeskContext.js';
import { TextField } from './Field.js';
import { scrollPanelTo } from './format.js';
import { SoftDisabledButton } from '../shell/SoftDisabledButton.js';
import { ActionButton, useSessionBlock } from './ActionButton.js';
import { focusLater } from '../shell/focus.js';

type Article = Pick<KbArticle, 'id' | 'title' | 'symptoms' | 'cause' | 'steps'> & { knownError?: boolean; written?: boolean };

export function KbPanel() {
  const { t } = useTranslation('trainee');
  const { view, send, openArticleId, setOpenArticleId } = useDesk();
  // Searches and reads are logged as commands; the server refuses them while the drill is not running.
  const logged = useSessionBlock() === undefined;
  const { ticket } = useSelection();
  const [query, setQuery] = usePanelState('kb.query', '');
  const [results, setResults] = usePanelState<KbHit[] | undefined>('kb.results', undefined);
  const [lastQuery, setLastQuery] = usePanelState('kb.lastQuery', '');
  const [article, setArticle] = useState<Article>();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const written = view.desk.articles;
  const articleRef = useRef<HTMLElement>(null);
  // A newly opened article is read from its title.
  useEffect(() => { scrollPanelTo(articleRef.current); }, [article?.id]);

  useEffect(() => {
    if (!openArticleId) { setArticle(undefined); return; }
    const own = written.find((a) => a.id === openArticleId);
    if (own) { setArticle({ ...own, written: true }); return; }
    let live = true;
    catalogApi.kbArticle(openArticleId).then((a) => live && setArticle(a), () => live && setFailed(true));
    return () => { live = false; };
  }, [openArticleId, written]);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    setLoading(true);
    setFailed(false);
    setOpenArticleId(undefined);
    if (logged) void send({ type: 'kb.search', query: q, ...(ticket ? { ticketId: ticket.id } : {}) });
    try {
      const hits = await catalogApi.kbSearch(q);
      const words = foldText(q).split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
      const mine: KbHit[] = written.filter((a) => words.some((w) => foldText(`${a.title} ${a.symptoms} ${a.cause}`).includes(w))).map((a) => ({ id: a.id, title: a.title, lang: 'fr', knownError: false }));
      setResults([...mine, ...hits]);
      setLastQuery(q);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };

  const open = (id: string) => {
    setOpenArticleId(id);
    // The results list goes: read on from the article's title.
    focusLater(() => document.getElementById('kb-article-title'));
    if (logged) void send({ type: 'kb.open', articleId: id, ...(ticket ? { ticketId: ticket.id } : {}) });
  };
  const back = () => {
    const id = openArticleId;
    setOpenArticleId(undefined);
    // Back on the list, at the result that was opened.
    focusLater(() => document.querySelector<HTMLElement>(`[data-kb-hit="${CSS.escape(id ?? '')}"]`));
  };

  return (
    <div className="kb-panel">
      <form onSubmit={search} className="inline-form" role="search">
        <TextField label={t('kb.search')} type="search" value={query} onChange={(e) => setQuery(e.target.value)} className="grow" placeholder={t('kb.placeholder')} maxLength={200} data-testid="kb-search" />
        {/* Soft-disabled: a natively disabled button would drop the focus to <body> while the results load. Searching works with the drill stopped too (only the log needs it running). */}
        <SoftDisabledButton type="submit" className="btn btn-primary" unavailable={loading || !query.trim()}>{t('kb.searchBtn')}</SoftDisabledButton>
      </form>
      {!ticket && <p className="hint">{t('kb.noTicket')}</p>}
      {failed && <p className="form-error" role="alert">{t('kb.failed')}</p>}
      {article ? (
        <article ref={articleRef} className="kb-article" aria-labelledby="kb-article-title" data-testid="kb-article">
          <button type="button" className="link" onClick={back}>← {t('kb.back')}</button>
          <h3 id="kb-article-title" tabIndex={-1}>{article.title}</h3>
          <p className="muted">{article.id}{article.knownError ? ` · ${t('kb.knownError')}` : ''}{article.written ? ` · ${t('kb.yours')}` : ''}</p>
          <h4>{t('kb.symptoms')}</h4>
          <p>{article.symptoms}</p>
          <h4>{t('kb.cause')}</h4>
          <p>{article.cause}</p>
          <h4>{t('kb.steps')}</h4>
          <ol>{article.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
          {ticket && (
            <div className="button-row">
              <ActionButton className="btn btn-primary" unavailable={ticket.fixApplied === article.id} onClick={() => void send({ type: 'ticket.applyFix', ticketId: ticket.id, articleId: article.id })}>
                {ticket.fixApplied === article.id ? t('kb.applied', { id: ticket.id }) : t('kb.apply', { id: ticket.id })}
              </ActionButton>
            </div>
          )}
        </article>
      ) : results && (
        <section aria-live="polite" aria-labelledby="kb-results-title">
          <h3 id="kb-results-title" className="section-title">{t('kb.results', { count: results.length, query: lastQuery })}</h3>
          {results.length === 0 ? <p className="empty">{t('kb.noResult')}</p> : (
            <ul className="kb-results" data-testid="kb-results">
              {results.map((r) => (
                <li key={r.id}>
                  <button type="button" className="kb-hit" data-kb-hit={r.id} onClick={() => open(r.id)}>
                    <span className="kb-hit-title">{r.title}</span>
                    <span className="muted">{r.id}{r.knownError ? ` · ${t('kb.knownError')}` : ''}{r.lang === 'en' ? ' · EN' : ''}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
