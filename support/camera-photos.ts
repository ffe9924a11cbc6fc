// Photos as cameras make them, for the photo pipeline's tests and the benchmark: 24 MP JPEGs (6000×4000) with
// detail at every scale and sensor grain, so that they decode, resize and compress like real ones.
import sharp from 'sharp';

export type CameraPhotoKind =
  /** 6000×4000, as shot. */
  | 'landscape'
  /** 4000×6000, as shot upright. */
  | 'portrait'
  /** 6000×4000 pixels with EXIF orientation 6: shown 4000×6000 once rotated, as most cameras write it. */
  | 'rotated'
  /** 6000×4000 in CMYK, as a print workflow exports it. */
  | 'cmyk';

/** A seeded xorshift fill: the same seed gives the same photo, byte for byte. */
function noise(length: number, seed: number): Buffer {
  const words = new Uint32Array(Math.ceil(length / 4));
  let state = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  return Buffer.from(words.buffer, 0, length);
}

/** The pixels of a camera-like photo: soft shapes from a coarse random field, finer texture, and sensor grain. */
async function pixels(width: number, height: number, seed: number): Promise<Buffer> {
  const field = (w: number, h: number, offset: number) =>
    sharp(noise(w * h * 3, seed + offset), { raw: { width: w, height: h, channels: 3 } })
      .resize(width, height, { kernel: 'cubic' })
      .raw()
      .toBuffer();
  const [out, fine] = await Promise.all([field(48, 32, 0), field(1500, 1000, 1)]);
  const grain = noise(out.length, seed + 2);
  for (let i = 0; i < out.length; i++) {
    const value = out[i]! + (fine[i]! - 128) * 0.25 + ((grain[i]! & 15) - 7.5);
    out[i] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
  return out;
}

/**
 * What a camera writes into a photo (sharp's `withExif`: IFD0 the camera, IFD2 the exposure, IFD3 the GPS position),
 * private facts included: where it was taken and the body's serial number.
 */
export const cameraExif = {
  IFD0: { Make: 'Leica Camera AG', Model: 'LEICA Q2', Software: 'Q2 Firmware 5.0', Artist: 'Chiara Bonetti' },
  IFD2: {
    ExposureTime: '1/250',
    FNumber: '56/10',
    ISOSpeedRatings: '100',
    DateTimeOriginal: '2024:05:18 07:42:10',
    FocalLength: '28/1',
    LensModel: 'SUMMILUX 1:1.7/28 ASPH.',
    BodySerialNumber: '5318008',
  },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '45/1 4/1 1234/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '7/1 40/1 5678/100',
  },
};

/**
 * A camera-like JPEG of the given kind, 24 MP unless a size is given (quality 92, as cameras write "fine"). With
 * `exif`, it carries `cameraExif` and an XMP packet, as a camera and an editing program leave them.
 */
export async function cameraPhoto(kind: CameraPhotoKind, { seed = 1, width = 6000, height = 4000, exif = false } = {}): Promise<Buffer> {
  const [w, h] = kind === 'portrait' ? [height, width] : [width, height];
  const image = sharp(await pixels(w, h, seed), { raw: { width: w, height: h, channels: 3 } });
  if (exif) {
    image.withExif(cameraExif).withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
        '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="45,4.2057N"/></rdf:RDF></x:xmpmeta>',
    );
  }
  if (kind === 'rotated') image.withExifMerge({ IFD0: { Make: 'Portfolio test camera' } }).withMetadata({ orientation: 6 });
  if (kind === 'cmyk') image.toColourspace('cmyk');
  return image.jpeg({ quality: 92 }).toBuffer();
}
