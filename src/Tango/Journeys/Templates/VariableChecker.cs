using Fluid;
using Fluid.Ast;
using Tango.Domain.Journeys;

namespace Tango.Journeys.Templates;

/// <summary>
/// Walks a parsed template and reports every variable read that the schema does not have, every unknown
/// filter, and tags that would reach outside the template (include, render). Loop variables take the shape
/// of the list they walk; variables the template assigns itself are taken as they are.
/// </summary>
internal sealed class VariableChecker(IReadOnlyDictionary<string, TemplateSchema> variables, FilterCollection filters) : AstVisitor
{
    private readonly Stack<Dictionary<string, TemplateSchema>> _scopes = new();
    private readonly HashSet<string> _assigned = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public override IFluidTemplate VisitTemplate(IFluidTemplate template)
    {
        new AssignmentCollector(_assigned).VisitTemplate(template);
        return base.VisitTemplate(template);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var segments = memberExpression.Segments;
        if (segments.Count == 0 || segments[0] is not IdentifierSegment { Identifier: var root })
        {
            return base.VisitMemberExpression(memberExpression);
        }
        var shape = Lookup(root);
        if (shape is null)
        {
            Report($"Unknown variable '{root}'.");
            return memberExpression;
        }
        var path = root;
        for (var i = 1; i < segments.Count && shape is not null; i++)
        {
            switch (segments[i])
            {
                case IdentifierSegment identifier:
                    path += "." + identifier.Identifier;
                    shape = shape.Member(identifier.Identifier);
                    break;
                case IndexerSegment indexer:
                    Visit(indexer.Expression);
                    path += "[]";
                    shape = shape.Index();
                    break;
                default:
                    shape = TemplateSchema.Open;
                    break;
            }
            if (shape is null)
            {
                Report($"Unknown variable '{path}'.");
            }
        }
        return memberExpression;
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        TemplateSchema? element = TemplateSchema.Open;
        if (forStatement.Source is MemberExpression source)
        {
            VisitMemberExpression(source);
            element = Shape(source)?.Element ?? TemplateSchema.Open;
        }
        else if (forStatement.Source is not null)
        {
            Visit(forStatement.Source);
        }
        if (forStatement.Range is not null)
        {
            Visit(forStatement.Range);
        }
        _scopes.Push(new Dictionary<string, TemplateSchema>(StringComparer.Ordinal)
        {
            [forStatement.Identifier] = element,
            ["forloop"] = TemplateSchema.Open,
        });
        foreach (var statement in forStatement.Statements)
        {
            Visit(statement);
        }
        _scopes.Pop();
        if (forStatement.Else is not null)
        {
            Visit(forStatement.Else);
        }
        return forStatement;
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!filters.TryGetValue(filterExpression.Name, out _))
        {
            Report($"Unknown filter '{filterExpression.Name}'.");
        }
        return base.VisitFilterExpression(filterExpression);
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        Report("The include tag is not available: a message template stands alone.");
        return includeStatement;
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        Report("The render tag is not available: a message template stands alone.");
        return renderStatement;
    }

    private TemplateSchema? Lookup(string name)
    {
        foreach (var scope in _scopes)
        {
            if (scope.TryGetValue(name, out var local))
            {
                return local;
            }
        }
        return _assigned.Contains(name) ? TemplateSchema.Open : variables.GetValueOrDefault(name);
    }

    /// <summary>The shape a member expression reads, or null when it is unknown.</summary>
    private TemplateSchema? Shape(MemberExpression expression)
    {
        var segments = expression.Segments;
        if (segments.Count == 0 || segments[0] is not IdentifierSegment { Identifier: var root })
        {
            return null;
        }
        var shape = Lookup(root);
        for (var i = 1; i < segments.Count && shape is not null; i++)
        {
            shape = segments[i] is IdentifierSegment identifier ? shape.Member(identifier.Identifier) : shape.Index();
        }
        return shape;
    }

    private void Report(string problem)
    {
        if (!_problems.Contains(problem))
        {
            _problems.Add(problem);
        }
    }

    /// <summary>Liquid's assign, capture, increment and decrement make variables visible everywhere after them; taken as known.</summary>
    private sealed class AssignmentCollector(HashSet<string> names) : AstVisitor
    {
        protected override Statement VisitAssignStatement(AssignStatement assignStatement)
        {
            names.Add(assignStatement.Identifier);
            return base.VisitAssignStatement(assignStatement);
        }

        protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
        {
            names.Add(captureStatement.Identifier);
            return base.VisitCaptureStatement(captureStatement);
        }

        protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
        {
            names.Add(incrementStatement.Identifier);
            return base.VisitIncrementStatement(incrementStatement);
        }

        protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
        {
            names.Add(decrementStatement.Identifier);
            return base.VisitDecrementStatement(decrementStatement);
        }
    }
}
