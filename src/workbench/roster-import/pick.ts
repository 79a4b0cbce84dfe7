import Taro from '@tarojs/taro';
import type { PickedFile } from './model';

/**
 * Picking the spreadsheet: in WeChat from a chat (wx.chooseMessageFile, the only way a phone gets
 * at a file), in H5 with the browser's file input (Taro's H5 chooseMessageFile is not supported).
 * Resolves null when the official cancels.
 */
export function pickSpreadsheet(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser();
  // Callbacks, not Taro's promise: chooseMessageFile is not among the APIs Taro promisifies.
  return new Promise((resolve) => {
    Taro.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['csv', 'xlsx'],
      success: (res) => {
        const file = res.tempFiles[0];
        resolve(file ? { path: file.path, name: file.name, size: file.size } : null);
      },
      fail: () => resolve(null),
    });
  });
}

function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      // Taro's H5 uploadFile reads a blob: URL back into the file it sends.
      resolve(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Hands a downloaded file (the report, as text) to the official: in H5 a download, in WeChat a file
 * in the user folder sent to a chat they pick (wx.openDocument opens no CSV). Resolves false when
 * they cancel the sharing.
 */
export async function handOverText(fileName: string, text: string, type: string): Promise<boolean> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return true;
  }
  const filePath = `${Taro.env.USER_DATA_PATH ?? 'wxfile://usr'}/${fileName}`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: text,
      encoding: 'utf8',
      success: () => resolve(),
      fail: () => reject(new Error('文件保存失败，请检查手机存储空间后重试')),
    });
  });
  return new Promise((resolve) => {
    Taro.shareFileMessage({ filePath, fileName, success: () => resolve(true), fail: () => resolve(false) });
  });
}

/**
 * The template: in H5 the browser opens the link (it is sent as an attachment); in WeChat the file
 * is downloaded and, for XLSX, opened in WeChat's document viewer (from where it can be forwarded),
 * a CSV sent to a chat.
 */
export async function openTemplate(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  const download = await Taro.downloadFile({ url });
  if (download.statusCode < 200 || download.statusCode >= 300) throw new Error('模板下载失败，请稍后重试');
  const filePath = download.tempFilePath;
  await new Promise<void>((resolve, reject) => {
    const fail = () => reject(new Error('模板打开失败，请稍后重试'));
    if (/\.xlsx$/i.test(fileName)) Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true, success: () => resolve(), fail });
    // Cancelling the chat picker is no failure.
    else Taro.shareFileMessage({ filePath, fileName, success: () => resolve(), fail: () => resolve() });
  });
}
