// MSBuild inline task: sets VER_FLG_WEAK on one version-need entry (.gnu.version_r) of ELF64
// little-endian shared libraries. A weak version need no longer stops the dynamic loader when the
// providing library lacks that version. Writes through a temp file so a hard link into the NuGet
// cache is never modified.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class MarkElfVersionNeedWeak : Task
{
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            var bytes = File.ReadAllBytes(path);
            var result = Patch(bytes);
            if (result == null) { Log.LogError("{0}: not an ELF64 little-endian file", path); return false; }
            if (result == 0) { Log.LogMessage(MessageImportance.Low, "{0}: no {1} need, or already weak", path, VersionName); continue; }
            var tmp = path + ".patching";
            File.WriteAllBytes(tmp, bytes);
            File.Delete(path); // unlink first: never write through a hard link
            File.Move(tmp, path);
            Log.LogMessage(MessageImportance.High, "Marked {0} version need weak in {1}", VersionName, path);
        }
        return true;
    }

    /// <returns>null if not ELF64 LE; otherwise the number of entries changed.</returns>
    private int? Patch(byte[] b)
    {
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F' || b[4] != 2 || b[5] != 1)
            return null;
        long shoff = (long)BitConverter.ToUInt64(b, 0x28);
        int shentsize = BitConverter.ToUInt16(b, 0x3A);
        int shnum = BitConverter.ToUInt16(b, 0x3C);
        int changed = 0;
        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (BitConverter.ToUInt32(b, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(b, (int)sh + 0x18);
            uint link = BitConverter.ToUInt32(b, (int)sh + 0x28);
            uint count = BitConverter.ToUInt32(b, (int)sh + 0x2C);
            long strtab = (long)BitConverter.ToUInt64(b, (int)(shoff + link * shentsize) + 0x18);
            long vn = offset;
            for (uint n = 0; n < count; n++)
            {
                int auxCount = BitConverter.ToUInt16(b, (int)vn + 2);
                long aux = vn + BitConverter.ToUInt32(b, (int)vn + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    uint nameOffset = BitConverter.ToUInt32(b, (int)aux + 8);
                    if (ReadCString(b, strtab + nameOffset) == VersionName)
                    {
                        ushort flags = BitConverter.ToUInt16(b, (int)aux + 4);
                        if ((flags & VerFlgWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(b, (int)aux + 4);
                            changed++;
                        }
                    }
                    aux += BitConverter.ToUInt32(b, (int)aux + 12);
                }
                vn += BitConverter.ToUInt32(b, (int)vn + 12);
            }
        }
        return changed;
    }

    private static string ReadCString(byte[] b, long start)
    {
        long end = start;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)start, (int)(end - start));
    }
}
