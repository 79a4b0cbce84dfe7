import Taro from '@tarojs/taro';

/**
 * The officials' export (CSV in the national layout): in H5 a download; in WeChat a file in the
 * mini-program's user folder, then sent to a chat (e.g. 文件传输助手) to reach the office computer.
 */
export async function saveCsv(fileName: string, csv: string): Promise<'downloaded' | 'shared' | 'saved'> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return 'downloaded';
  }
  const filePath = `${Taro.env.USER_DATA_PATH ?? 'wxfile://usr'}/${fileName}`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: csv,
      encoding: 'utf8',
      success: () => resolve(),
      fail: () => reject(new Error('文件保存失败，请检查手机存储空间后重试')),
    });
  });
  const shared = await new Promise<boolean>((resolve) => {
    Taro.shareFileMessage({ filePath, fileName, success: () => resolve(true), fail: () => resolve(false) });
  });
  return shared ? 'shared' : 'saved';
}
