// A small solid-colour PNG (for 公印 and 印影 images in tests), encoded with node:zlib.
import zlib from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

export function solidPng(size = 32, rgb: [number, number, number] = [200, 30, 30]): Uint8Array<ArrayBuffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
  return new Uint8Array(png);
}

/**
 * An RGBA PNG whose every pixel (colour and alpha) depends on `seed`: two seeds give different pictures, so a
 * test can tell one stored image from another in a rendered PDF.
 */
export function patternPng(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  let state = (seed * 2654435761) >>> 0 || 1;
  const rand = () => {
    // xorshift32: deterministic, no Math.random.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) & 0xff;
  };
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    row[0] = 0; // filter: none (the bytes are the pixels)
    for (let x = 0; x < size; x++) {
      row[1 + x * 4] = rand();
      row[2 + x * 4] = rand();
      row[3 + x * 4] = rand();
      row[4 + x * 4] = 128 + (rand() >> 1); // partly transparent: exercises the PDF soft mask
    }
    rows.push(row);
  }
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
  return new Uint8Array(png);
}

/**
 * A 40×40 baseline JPEG (a red ring on white, drawn by Chromium's canvas): back offices may send a 印影 as JPEG
 * (docs/import-formats.md), and no JPEG encoder is a dependency here.
 */
export const JPEG_INKAN_BASE64 =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAAoACgDASIAAhEBAxEB/8QAGgAAAgMBAQAAAAAAAAAAAAAAAAgFBwkGAv/EADUQAAEDAgQEAwQKAwAAAAAAAAIBAwQFBgAHERIIFCExCRNBFRZRgRgyMzhWYoSltNNjdaP/xAAXAQADAQAAAAAAAAAAAAAAAAAEBQYH/8QALhEAAgEDAgQEBAcAAAAAAAAAAQIDAAQRBTESIUFRBhMicSMyYaGBkbHR4fDx/9oADAMBAAIRAxEAPwDUuoVCLSYEibNkNRIcZsnXpD5oDbYCmpERL0RERFVVXCTZmcf9buS6StbJS2HLjl7iBKk9FcfJ7TuTLAaKgp33n8xTvj3x/wCYtdue6LVyVtUzWZWyafnA2e3zlNxQYZJU7CiiTha/AF9Mdvflhs8G/CTcUuwHgg3RFCGUivFGbcekunKZbMiRwSHbtM0EVRUFF6ddSVTPNJIzrGcKm56+wrQtL020tIree8QSTXBAjQnCgE44nxk4zsO32qf3h42/J9ocg5y+mvL8rS93x+p9p8sT+WXiAVq3LoG1s6rYctuXuEFqTMVxgmdexPMHqu1e+8PkK98LT9PDPP8AHH7TB/ow59iWGzxkcJNuy7+eCddMoJpR68MZtt6M6Ep5sCFGxEdu0AQgREQkTr10VAIJTKxFu7cQGcNgg1V6rYx2EKtrNrCImYLxQ8SupIJzzGCBj+DTP0+oRatAjzYUhqXDkti6zIYNDbcAk1EhJOioqKioqYMJT4f+Y1ctq5rqyWuojSbQydfgg4evk7HEB9kVXuOpCY6eimvZcGHtvMJ4w+3f3rKtW01tKu2ti3EORB7qeYP961B3ISL4o1L9oKnLJ5SMa/H2Yuzv/kxfvHh91K+P0P8AOj4prxA8s63blzWxnRawGkujGyzONoNfJJtzew+SJ3HVVAtfyJ647u/L8Z4yOEq4olgshOumUEMZFCKQ209GdCUy4YkrhCO3aBqJKqISJ066oisejz4D8xyR9cjpV04FwdJ1RD8KPy43PRCjbt2BBzk/tWWeNduA/wC6lY/67+dIwg30D88/wP8Au0H+/DnWJfjXBtwk27Dv5luDdMUJoxqCMht16S6cp5wBRWyIdu0wUjRVQUXr10FQdOR4JGeVSoxuRjqKq/Gd1b6tZQ2thKsshkHpVgx+VueAdvrsKq22CRPFEqyU/RYy+cj+n+tTf/00wYmfD8yyrdwXHc+dF0iazK2bzME3Q085XHN774p6DuRAHT86dkTBhzYg+WXIxxEn86zXxU6C9jtkbJhjSMkdSo5/rinZqFPi1aBIhTY7UyHJbJl6O+CG26BJoQkK9FRUVUVFwkuZfh/1u2boO6clboct2XuI0pr0pxgmUXqosvhqqivbYfp3Je2DBgma3jnGHG3XrSXTdXu9KctbNybcEZU+4P8AtQXu9xt+T7P59zl9NOY5ql7vh9f7TE9lp4f1auW6AunOq6HLimbhNaazKcfJ5E6oLz56Kgp22B6diTtgwYGFjHkF2LY7nNOpPFd5wMltHHCTuY04SfxyftTs0+nxaTBjwoUdqJDjNi0zHYBAbbAU0ERFOiIiIiIiYMGDDGo0kk5Nf//Z";
