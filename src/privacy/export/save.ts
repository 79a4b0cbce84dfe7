import Taro from '@tarojs/taro';

/**
 * Where an exported file goes: in H5 a download of a Blob link (the browser saves it); in WeChat a
 * file in the mini-program's own user folder (wx.env.USER_DATA_PATH), which the member sends to a
 * chat (wx.shareFileMessage, e.g. to 文件传输助手) — wx.openDocument opens no .json files.
 */

/** H5: offers the JSON as a download named `fileName`. */
export function downloadInBrowser(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** WeChat: writes the file into the user folder; resolves with its path. */
export function saveInWeChat(fileName: string, text: string): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH ?? 'wxfile://usr'}/${fileName}`;
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: text,
      encoding: 'utf8',
      success: () => resolve(filePath),
      fail: () => reject(new Error('文件保存失败，请检查手机存储空间后重试')),
    });
  });
}

/** WeChat: sends the saved file to a chat the member picks; resolves false when they cancel. */
export function shareInWeChat(filePath: string, fileName: string): Promise<boolean> {
  return new Promise((resolve) => {
    Taro.shareFileMessage({ filePath, fileName, success: () => resolve(true), fail: () => resolve(false) });
  });
}
