import { t } from '../../text/messages';
import { oneLine } from '../../text/oneLine';
import { exportCsv, EXPORT_KINDS } from '../../spreadsheet/exportCsv';
import { IMPORT_FIELDS, type ImportKind } from '../../spreadsheet/importColumns';
import { importPeopleIn } from '../../spreadsheet/importPeople';
import { importFileProblemText, importProblemText } from '../../spreadsheet/importProblemText';
import { type ImportPreview, previewImport } from '../../spreadsheet/previewImport';
import { ActionForm } from '../deskParts';
import type { DeskDownload, DeskFormPage, DeskPage, DeskView } from '../deskView';

/**
 * The largest file the desk takes. Between the preview and the confirmation the file is carried in
 * the confirm form (base64, a third larger), never stored on the server: so it must fit in a desk request.
 */
export const DESK_IMPORT_MAX_BYTES = 512 * 1024;

/** The upload form (mentors or applicants), and the lists to download as CSV. */
export const importPage: DeskPage = {
  path: '/import',
  nav: 'import',
  render: (view) => ({ title: t('desk.nav.import'), body: <ImportStart view={view} /> }),
};

/** The preview: each row's problems by its row number, the columns to map, and the confirm form. Nothing is written. */
export const importPreview: DeskFormPage = {
  path: '/import/preview',
  nav: 'import',
  render: (view, input) => {
    const { tr, csrf } = view;
    const upload = uploaded(view, input);
    if ('missing' in upload) return { title: t('desk.nav.import'), body: <ImportStart view={view} problem={tr(t(upload.missing))} /> };
    const preview = upload.preview;
    const file = Buffer.from(upload.file).toString('base64');
    const withProblems = preview.rows.filter((r) => r.problems.length > 0);
    const carried = (
      <>
        <input type="hidden" name="kind" value={preview.kind} />
        <input type="hidden" name="file" value={file} />
      </>
    );
    return {
      title: t('desk.import.previewTitle'),
      body: (
        <>
          <p>{tr(t('desk.import.summary', { rows: preview.rows.length, ready: preview.ready, problems: withProblems.length }))}</p>
          <FileProblems preview={preview} view={view} />
          {preview.columns.length > 0 ? (
            <section>
              <h2>{tr(t('desk.import.columns'))}</h2>
              <p class="note">{tr(t('desk.import.columnsNote'))}</p>
              <form method="post" action="/desk/import/preview" class="filters">
                <input type="hidden" name="csrf" value={csrf} />
                {carried}
                {preview.columns.map((column, i) => (
                  <label>
                    <bdi>{oneLine(column.header)}</bdi>
                    <select name={`map.${i}`}>
                      {IMPORT_FIELDS[preview.kind].map((field) => (
                        <option value={field} selected={column.field === field}>
                          {field}
                        </option>
                      ))}
                      <option value="ignore" selected={column.field === null}>
                        {tr(t('desk.import.ignore'))}
                      </option>
                    </select>
                  </label>
                ))}
                <button type="submit">{tr(t('desk.import.previewAgain'))}</button>
              </form>
            </section>
          ) : null}
          {withProblems.length > 0 ? (
            <section>
              <h2>{tr(t('desk.import.rows'))}</h2>
              <ul class="problems">
                {withProblems.map((r) => (
                  <li>
                    {tr(t('desk.import.row', { row: r.row }))}
                    {r.person.name === '' ? null : (
                      <>
                        {' '}
                        <bdi class="their-words">{oneLine(r.person.name)}</bdi>
                      </>
                    )}
                    {`: ${oneLine(r.problems.map((p) => tr(importProblemText(p))).join('; '))}`}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {preview.ready > 0 ? (
            <ActionForm action="/desk/import/confirm" csrf={csrf} kind="primary" label={tr(t('desk.import.confirm', { number: preview.ready }))}>
              {carried}
              {upload.mapping ? preview.columns.map((column, i) => <input type="hidden" name={`map.${i}`} value={column.field ?? 'ignore'} />) : null}
            </ActionForm>
          ) : (
            <p class="empty">{tr(t('desk.import.nothingReady'))}</p>
          )}
          <p>
            <a href="/desk/import">{tr(t('desk.import.again'))}</a>
          </p>
        </>
      ),
    };
  },
};

/** The confirmation: the rows without a problem are imported in this request's transaction, and each person's code shown to hand them. */
export const importConfirm: DeskFormPage = {
  path: '/import/confirm',
  nav: 'import',
  render: (view, input) => {
    const { c, tr } = view;
    const upload = uploaded(view, input);
    if ('missing' in upload) return { title: t('desk.nav.import'), body: <ImportStart view={view} problem={tr(t(upload.missing))} /> };
    const { preview, imported } = importPeopleIn(c.tx, c.ctx.programme, {
      kind: upload.preview.kind,
      file: upload.file,
      mapping: upload.mapping,
      actorId: c.actorId,
      now: c.ctx.now,
    });
    const left = preview.rows.filter((r) => r.problems.length > 0).map((r) => r.row);
    return {
      title: t('desk.import.doneTitle'),
      body: (
        <>
          <FileProblems preview={preview} view={view} />
          <p>{tr(t('desk.import.done', { number: imported.length }))}</p>
          {left.length > 0 ? <p>{tr(t('desk.import.leftOut', { rows: left.join(', ') }))}</p> : null}
          {imported.length > 0 ? (
            <>
              <p>{tr(t('desk.import.codes'))}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{tr(t('desk.col.person'))}</th>
                    <th scope="col">{tr(t('desk.import.code'))}</th>
                  </tr>
                </thead>
                <tbody>
                  {imported.map((p) => (
                    <tr>
                      <th scope="row">
                        {`#${p.participantId} `}
                        <bdi>{oneLine(p.name)}</bdi>
                      </th>
                      <td>
                        <code>{p.code}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          <p>
            <a href="/desk/import">{tr(t('desk.import.again'))}</a>
          </p>
        </>
      ),
    };
  },
};

/** Applications, mentors or pairs as the command line's `kompis export` writes them, written in the audit log as it is. */
export const exportDownload: DeskDownload = {
  path: '/import/export',
  run: ({ c }, form) => {
    const kind = EXPORT_KINDS.find((k) => k === form.kind) ?? 'applications';
    const body = exportCsv(c.tx, c.ctx.programme, { kind, actorId: c.actorId, now: c.ctx.now });
    return { filename: `${kind}.csv`, contentType: 'text/csv; charset=utf-8', body };
  },
};

function ImportStart(props: { view: DeskView; problem?: string }) {
  const { tr, csrf } = props.view;
  return (
    <>
      <section>
        <h2>{tr(t('desk.import.upload'))}</h2>
        <p class="note">{tr(t('desk.import.uploadNote', { kb: DESK_IMPORT_MAX_BYTES / 1024 }))}</p>
        {props.problem ? (
          <p class="flash" role="alert">
            {props.problem}
          </p>
        ) : null}
        <form method="post" action="/desk/import/preview" enctype="multipart/form-data" class="filters">
          <input type="hidden" name="csrf" value={csrf} />
          <fieldset>
            <legend>{tr(t('desk.import.kind'))}</legend>
            <label>
              <input type="radio" name="kind" value="mentors" checked />
              {tr(t('desk.import.mentors'))}
            </label>
            <label>
              <input type="radio" name="kind" value="applicants" />
              {tr(t('desk.import.applicants'))}
            </label>
          </fieldset>
          <label>
            {tr(t('desk.import.file'))}
            <input type="file" name="file" accept=".csv,text/csv,text/plain" required />
          </label>
          <button type="submit">{tr(t('desk.import.preview'))}</button>
        </form>
      </section>
      <section>
        <h2>{tr(t('desk.import.export'))}</h2>
        <p class="note">{tr(t('desk.import.exportNote'))}</p>
        <div class="actions">
          {EXPORT_KINDS.map((kind) => (
            <ActionForm action="/desk/import/export" csrf={csrf} label={tr(t(`desk.import.download.${kind}`))}>
              <input type="hidden" name="kind" value={kind} />
            </ActionForm>
          ))}
        </div>
      </section>
    </>
  );
}

function FileProblems(props: { preview: ImportPreview; view: DeskView }) {
  if (props.preview.fileProblems.length === 0) return null;
  return (
    <section>
      <p class="flash" role="alert">
        {props.view.tr(t('desk.import.fileProblems'))}
      </p>
      <ul class="problems">
        {props.preview.fileProblems.map((p) => (
          <li>{oneLine(props.view.tr(importFileProblemText(p)))}</li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The file as uploaded, or as the preview's form carried it back (base64), with the columns the
 * coordinator mapped (`map.N`: the field of the N-th column), previewed; or why there is none.
 */
function uploaded(
  view: DeskView,
  input: { form: Record<string, string>; files: Record<string, Uint8Array> },
): { missing: string } | { file: Uint8Array; mapping: Record<string, string> | undefined; preview: ImportPreview } {
  const { form, files } = input;
  const kind: ImportKind = form.kind === 'applicants' ? 'applicants' : 'mentors';
  const carried = form.file ?? '';
  if (!files.file && carried === '') return { missing: 'desk.import.noFile' };
  // Checked before it is decoded: base64 is four characters for every three bytes.
  if ((files.file?.byteLength ?? Math.floor((carried.length * 3) / 4)) > DESK_IMPORT_MAX_BYTES) return { missing: 'desk.import.tooLarge' };
  const file = files.file ?? new Uint8Array(Buffer.from(carried, 'base64'));
  const { c } = view;
  const guessed = previewImport(c.tx, c.ctx.programme, { kind, file });
  const chosen = guessed.columns.flatMap((column, i) => {
    const field = form[`map.${i}`];
    return field === undefined ? [] : [[column.header, field] as const];
  });
  if (chosen.length === 0) return { file, mapping: undefined, preview: guessed };
  const mapping = Object.fromEntries(chosen);
  return { file, mapping, preview: previewImport(c.tx, c.ctx.programme, { kind, file, mapping }) };
}
