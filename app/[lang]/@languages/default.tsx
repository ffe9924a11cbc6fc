export default function NoLanguages() {
  return null;
}
