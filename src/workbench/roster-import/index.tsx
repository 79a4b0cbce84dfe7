import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS, type ImportFormat, type ImportJobView } from '../../../functions/workbench/contracts/roster-import';
import { messageOf } from '../../components/page-state';
import {
  confirmImportChanges,
  createImport,
  getImport,
  getImportReport,
  getImportTemplate,
  readLinkedText,
  startImport,
  uploadImportFile,
} from '../../services/workbench';
import { STATUS_LABELS, countRows, fileRefusal, formatBytes, formatOf, isFinished, pendingChanges, reportPreview, type PickedFile, type ReportLine } from './model';
import { handOverText, openTemplate, pickSpreadsheet } from './pick';
import { Page } from '../../components/page';
import { confirmSheet } from '../../components/confirm-sheet';
import '../workbench.scss';
import './index.scss';

/** How often a running job is asked for its progress. */
export const POLL_MS = 2000;
/** Report lines shown on the page (the whole report is downloaded). */
const PREVIEW_LINES = 20;

type Sending = 'upload' | 'start' | null;
type Report = { kind: 'none' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; text: string; fileName: string; lines: ReportLine[]; total: number };

/**
 * 实名制录入: the template, a CSV/XLSX picked and sent straight to storage, the import started and
 * followed (rows read / written / refused / changed), then the row-level report (the first lines with
 * their reasons here, the whole of it as a CSV) and 确认变更 for the changes it reports.
 */
export default function RosterImportPage() {
  const router = useRouter();
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [sending, setSending] = useState<Sending>(null);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [error, setError] = useState('');
  const [report, setReport] = useState<Report>({ kind: 'none' });
  const [confirmation, setConfirmation] = useState('');
  const [confirming, setConfirming] = useState(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // Reopened from a link (?id=): that job.
  useEffect(() => {
    const id = router.params.id;
    if (!id) return;
    getImport(decodeURIComponent(id)).then(
      (answer) => alive.current && setJob(answer.job),
      (e: unknown) => alive.current && setError(messageOf(e)),
    );
  }, [router.params.id]);

  // Follows a job until it is over: a read every POLL_MS, whether or not the last one changed anything
  // (a queued job waits for the worker) or failed (the network comes back).
  const jobId = job?.id;
  const finished = job ? isFinished(job.status) : true;
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!jobId || finished) return undefined;
    const timer = setTimeout(() => {
      getImport(jobId)
        .then(
          (answer) => {
            if (!alive.current) return;
            setJob(answer.job);
            setError('');
          },
          (e: unknown) => alive.current && setError(messageOf(e)),
        )
        .finally(() => alive.current && setPolls((n) => n + 1));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [jobId, finished, polls]);

  const loadReport = useCallback(async (id: string) => {
    setReport({ kind: 'loading' });
    try {
      const link = await getImportReport(id);
      const text = await readLinkedText(link);
      if (!alive.current) return;
      setReport({ kind: 'ready', text, fileName: link.fileName, ...reportPreview(text, PREVIEW_LINES) });
    } catch (e) {
      if (alive.current) setReport({ kind: 'error', message: messageOf(e, '报告下载失败，请稍后重试') });
    }
  }, []);

  const hasReport = !!job && job.status === 'done' && job.counts.refused + job.counts.changed > 0;
  useEffect(() => {
    if (hasReport && jobId) void loadReport(jobId);
  }, [hasReport, jobId, loadReport]);

  const downloadTemplate = async (format: ImportFormat) => {
    setError('');
    try {
      const link = await getImportTemplate(format);
      await openTemplate(link.url, link.fileName);
    } catch (e) {
      setError(messageOf(e, '模板下载失败，请稍后重试'));
    }
  };

  const pick = async () => {
    setError('');
    const file = await pickSpreadsheet();
    if (!file) return;
    const refusal = fileRefusal(file);
    if (refusal) {
      setPicked(null);
      setError(refusal);
      return;
    }
    setPicked(file);
  };

  const send = async () => {
    const format = picked && formatOf(picked.name);
    if (!picked || !format || sending) return;
    setError('');
    try {
      setSending('upload');
      const created = await createImport({ fileName: picked.name, format });
      await uploadImportFile(created.upload, picked.path);
      setSending('start');
      const started = await startImport(created.job.id);
      if (!alive.current) return;
      setPicked(null);
      setReport({ kind: 'none' });
      setConfirmation('');
      setJob(started.job);
    } catch (e) {
      if (alive.current) setError(messageOf(e, '导入失败，请稍后重试'));
    } finally {
      if (alive.current) setSending(null);
    }
  };

  const confirmChanges = async () => {
    if (!job || confirming) return;
    const pending = pendingChanges(job);
    const confirmed = await confirmSheet({
      title: '确认变更',
      content: `将按导入文件更新 ${pending} 名会员的姓名或手机号。变更前请核对报告中的每一条，确认后不能撤销。`,
      confirmText: '确认变更',
      cancelText: '再看看',
    });
    if (!confirmed) return;
    setConfirming(true);
    setError('');
    let applied = 0;
    let stale = 0;
    try {
      // The API applies a batch a call: again until nothing remains.
      for (let round = 0; round < 100; round += 1) {
        const answer = await confirmImportChanges(job.id);
        applied += answer.applied;
        stale += answer.stale;
        if (alive.current) setJob(answer.job);
        if (answer.remaining === 0) break;
      }
      if (!alive.current) return;
      setConfirmation(`已确认 ${applied} 条变更${stale > 0 ? `，${stale} 条未生效（会员信息已被修改或新手机号已被占用，见报告）` : ''}`);
      void loadReport(job.id);
    } catch (e) {
      if (alive.current) setError(messageOf(e, '确认变更失败，请稍后重试'));
    } finally {
      if (alive.current) setConfirming(false);
    }
  };

  const saveReport = async () => {
    if (report.kind !== 'ready') return;
    try {
      await handOverText(report.fileName, report.text, 'text/csv;charset=utf-8');
    } catch (e) {
      setError(messageOf(e, '报告保存失败，请稍后重试'));
    }
  };

  const restart = () => {
    setJob(null);
    setPicked(null);
    setReport({ kind: 'none' });
    setConfirmation('');
    setError('');
  };

  return (
    <Page id='roster-import-page'>
      {!job ? (
        <View key='pick' className='panel'>
          <View className='panel__title'>1. 下载模板，按模板整理会员名册</View>
          <Text className='muted import-hint'>
            列：{Object.values(IMPORT_COLUMNS).join('、')}（工会编号与工会名称填一个即可）。每个文件最多 {IMPORT_MAX_ROWS / 10_000} 万行。
          </Text>
          <View className='import-actions'>
            <Button id='import-template-xlsx' size='small' fill='outline' onClick={() => void downloadTemplate('xlsx')}>
              下载 XLSX 模板
            </Button>
            <Button id='import-template-csv' size='small' fill='outline' onClick={() => void downloadTemplate('csv')}>
              下载 CSV 模板
            </Button>
          </View>
          <View className='panel__title import-step'>2. 选择文件并导入</View>
          <Text className='muted import-hint'>
            {process.env.TARO_ENV === 'h5' ? '选择电脑上的 CSV 或 XLSX 文件。' : '先把名册文件发送到微信聊天（如“文件传输助手”），再从聊天中选择。'}
          </Text>
          {picked ? (
            <View id='import-picked' className='import-picked'>
              {picked.name}（{formatBytes(picked.size)}）
            </View>
          ) : null}
          <View className='import-actions'>
            <Button id='import-pick' size='small' fill='outline' disabled={!!sending} onClick={() => void pick()}>
              {picked ? '重新选择' : '选择文件'}
            </Button>
            <Button id='import-send' size='small' type='primary' disabled={!picked || !!sending} onClick={() => void send()}>
              {sending === 'upload' ? '正在上传…' : sending === 'start' ? '正在开始…' : '上传并导入'}
            </Button>
          </View>
        </View>
      ) : (
        <View key='job' id='import-job' className='panel' data-status={job.status}>
          <View className='wb-card__head'>
            <Text className='wb-card__title'>{job.fileName}</Text>
            <Text id='import-status' className={`import-status import-status--${job.status}`}>
              {STATUS_LABELS[job.status]}
            </Text>
          </View>
          <View id='import-counts' className='import-counts'>
            {countRows(job).map((c) => (
              <View key={c.key} id={`import-count-${c.key}`} className='import-count'>
                <Text className='import-count__value'>{c.value}</Text>
                <Text className='import-count__label'>{c.label}</Text>
              </View>
            ))}
          </View>
          {!isFinished(job.status) ? <View className='muted import-hint'>导入在后台进行，离开本页不影响导入；稍后可在操作记录中查看。</View> : null}
          {job.failure ? (
            <View id='import-failure' className='wb-error'>
              {job.failure}
            </View>
          ) : null}
          {job.ignoredColumns.length > 0 ? (
            <View id='import-ignored' className='muted import-hint'>
              以下列不是模板中的列，已忽略：{job.ignoredColumns.join('、')}
            </View>
          ) : null}
          {job.status === 'done' && job.counts.refused + job.counts.changed === 0 ? (
            <View id='import-clean' className='import-hint'>
              全部行都已导入，没有需要处理的行。
            </View>
          ) : null}
          {job.status === 'done' && pendingChanges(job) > 0 ? (
            <View className='import-actions'>
              <Button id='import-confirm' size='small' type='primary' loading={confirming} onClick={() => void confirmChanges()}>
                确认变更（{pendingChanges(job)} 条）
              </Button>
            </View>
          ) : null}
          {confirmation ? (
            <View id='import-confirmed' className='import-hint'>
              {confirmation}
            </View>
          ) : null}
          {isFinished(job.status) ? (
            <View className='import-actions'>
              <Button id='import-again' size='small' fill='outline' onClick={restart}>
                导入另一个文件
              </Button>
            </View>
          ) : null}
        </View>
      )}

      {error ? (
        <View id='import-error' className='wb-error import-error'>
          {error}
        </View>
      ) : null}

      {report.kind === 'loading' ? <View className='list-status muted'>正在读取报告…</View> : null}
      {report.kind === 'error' ? (
        <View className='list-error'>
          <View id='import-report-error'>{report.message}</View>
          <Button size='small' fill='outline' onClick={() => jobId && void loadReport(jobId)}>
            重新读取
          </Button>
        </View>
      ) : null}
      {report.kind === 'ready' ? (
        <View id='import-report' className='panel'>
          <View className='wb-card__head'>
            <Text className='panel__title'>逐行报告（共 {report.total} 行）</Text>
            <Text id='import-report-save' className='wb-link' onClick={() => void saveReport()}>
              下载 CSV
            </Text>
          </View>
          {report.total > report.lines.length ? <View className='muted import-hint'>以下是前 {report.lines.length} 行，完整报告请下载。</View> : null}
          {report.lines.map((line) => (
            <View key={line.row} id={`import-line-${line.row}`} className='import-line' data-code={line.code}>
              <View className='import-line__head'>
                <Text>第 {line.row} 行 · {line.name || '（无姓名）'}</Text>
                <Text className='import-line__result'>{line.result}</Text>
              </View>
              <View className='wb-card__meta'>
                {line.idMasked} · {line.phone}
              </View>
              <View className='import-line__reason'>{line.message}</View>
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
