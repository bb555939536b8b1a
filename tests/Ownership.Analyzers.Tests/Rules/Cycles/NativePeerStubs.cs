namespace Ownership.Analyzers.Tests.Rules.Cycles;

/// <summary>Just enough of Foundation and UIKit for the native-peer rules: the real assemblies exist only in Apple workloads.</summary>
internal static class NativePeerStubs
{
    public const string Source = "using System; using System.Collections.Generic; using Foundation; using UIKit;\nnamespace Foundation { public class NSObject : IDisposable { public void Dispose() { Dispose(true); } protected virtual void Dispose(bool disposing) { } } public class NSString : NSObject { } [AttributeUsage(AttributeTargets.All)] public sealed class OutletAttribute : Attribute { } [AttributeUsage(AttributeTargets.All)] public sealed class WeakAttribute : Attribute { } }\nnamespace UIKit { public class UIView : Foundation.NSObject { public event EventHandler? TouchUpInside { add { } remove { } } public void AddSubview(UIView view) { } } public class UIButton : UIView { } public class UILabel : UIView { } public class UITableView : UIView { } public class UITableViewCell : UIView { } public class UIColor : Foundation.NSObject { } public class UIViewController : Foundation.NSObject { public UIView? View { get { return null; } } public virtual void ViewDidLoad() { } } }\n";
}
